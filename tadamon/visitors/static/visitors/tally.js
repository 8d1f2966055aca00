/* Visitor tally: a running count per gate and day kept on the phone, sent when possible.
 *
 * Every tap updates the count stored in localStorage under the account (tadamon/queue.js's
 * ownKey: a second agent on the phone does not see the first's), the event, gate and day, so
 * a reload or a dropped connection loses nothing. "Send the count" puts the count in the
 * queue kept (IndexedDB) and sent by tadamon/queue.js, one item per gate and day, to the API's
 * POST /events/{id}/visitor-counts (a count replaces the earlier one of its gate and day).
 * "On this phone" lists the counts with their state and the totals the server answered.
 */
(function () {
  "use strict";

  var root = document.getElementById("tally");
  var form = document.getElementById("tally-form");
  if (!root || !form || !window.TadamonQueue || !window.TadamonQueueList) return;

  var List = window.TadamonQueueList;
  var OLD_COUNTS_KEY = "tadamon.tally.counts.v1";
  var OLD_QUEUE_KEY = "tadamon.tally.queue.v2";
  var OLD_CHOICE_KEY = "tadamon.tally.choice.v1";
  var EVENT = root.dataset.event;
  var MAX = parseInt(root.dataset.max, 10) || 1000000;
  var msg = root.dataset;

  var els = {
    gate: document.getElementById("tally-gate"),
    date: document.getElementById("tally-date"),
    count: document.getElementById("tally-count"),
    buttons: document.getElementById("tally-buttons"),
    kept: document.getElementById("tally-kept"),
    queue: document.getElementById("tally-queue"),
    queueCount: document.getElementById("tally-queue-count"),
    offline: document.getElementById("tally-offline"),
    messages: document.getElementById("tally-messages"),
    eventTotal: document.getElementById("tally-event-total"),
    phone: document.getElementById("tally-phone"),
  };

  function load(key, fallback) {
    try {
      var value = JSON.parse(localStorage.getItem(key) || "null");
      return value === null ? fallback : value;
    } catch (error) {
      return fallback;
    }
  }

  function save(key, value) {
    localStorage.setItem(key, JSON.stringify(value));
  }

  function currentKey() {
    return EVENT + "|" + els.gate.value + "|" + els.date.value;
  }

  function clamp(value) {
    value = parseInt(value, 10);
    if (isNaN(value) || value < 0) return 0;
    return Math.min(value, MAX);
  }

  // The running count --------------------------------------------------------------------

  function storeCount(value) {
    var counts = load(COUNTS_KEY, {});
    counts[currentKey()] = clamp(value);
    save(COUNTS_KEY, counts);
  }

  function showStoredCount() {
    var counts = load(COUNTS_KEY, {});
    var stored = counts[currentKey()];
    els.count.value = typeof stored === "number" ? stored : 0;
  }

  function rememberChoice() {
    var choices = load(CHOICE_KEY, {});
    choices[EVENT] = { gate: els.gate.value, date: els.date.value };
    save(CHOICE_KEY, choices);
  }

  function restoreChoice() {
    var choice = load(CHOICE_KEY, {})[EVENT];
    if (!choice) return;
    var known = Array.prototype.some.call(els.gate.options, function (option) {
      return option.value === choice.gate;
    });
    if (known) els.gate.value = choice.gate;
    if (choice.date && choice.date >= els.date.min && choice.date <= els.date.max) {
      els.date.value = choice.date;
    }
  }

  // Messages -----------------------------------------------------------------------------

  function say(text, kind) {
    var box = document.createElement("div");
    box.className = "alert alert-" + kind + " py-2";
    box.textContent = text;
    els.messages.replaceChildren(box);
  }

  // The queue (tadamon/queue.js) ----------------------------------------------------------

  // The gate goes as its id: as text the API would look it up by name first. Items queued
  // by the earlier page hold the id as text, and may be of another event.
  function request(item, event) {
    var gate = item.body.gate;
    var url = root.dataset.recordUrl;
    if (event && event !== EVENT) url = url.replace("/" + EVENT + "/", "/" + event + "/");
    return {
      url: url,
      body: {
        gate: /^\d+$/.test(String(gate)) ? Number(gate) : gate,
        date: item.body.date,
        count: item.body.count,
      },
    };
  }

  function legacyEvent(old) { return String(old.key || EVENT).split("|")[0]; }

  function gateName(id) {
    var option = Array.prototype.find.call(els.gate.options, function (o) { return o.value === String(id); });
    // Isolated (U+2068...U+2069): an Arabic gate name in a French line, or a Latin one in an
    // Arabic line, would otherwise take the date and the count with it.
    return "\u2068" + (option ? option.textContent.trim() : String(id)) + "\u2069";
  }

  function describe(item) {
    return gateName(item.body.gate) + " · " + List.day(item.body.date) + " · " +
      List.fill(msg.msgCount, { count: List.number(item.body.count) });
  }

  // What the server kept: the count, and the totals it answered (the gates' day, the event).
  function kept(item) {
    var answer = item.answer || {};
    var parts = [List.fill(msg.msgSent + " {count}", { count: List.number(answer.count !== undefined ? answer.count : item.body.count) })];
    if (typeof answer.day_total === "number") parts.push(List.fill(msg.msgDayTotal, { total: List.number(answer.day_total) }));
    if (typeof answer.event_total === "number") parts.push(List.fill(msg.msgEventTotal, { total: List.number(answer.event_total) }));
    return parts.join(" · ");
  }

  var queue = window.TadamonQueue.create({
    queue: "tally." + EVENT,
    request: function (item) { return request(item); },
    legacy: {
      key: OLD_QUEUE_KEY,
      queue: function (old) { return "tally." + legacyEvent(old); },
      request: function (old) { return request(old, legacyEvent(old)); },
    },
    onChange: function (items, offline) {
      var waiting = items.filter(function (item) { return item.state === "waiting"; }).length;
      els.queueCount.textContent = String(waiting);
      els.queue.hidden = waiting === 0;
      els.offline.hidden = !offline;
      List.render(els.phone, items, { describe: describe, kept: kept });
    },
    onRecorded: function (item, body) {
      say(msg.msgSent + " " + (body.count !== undefined ? body.count : item.body.count), "success");
      if (els.eventTotal && typeof body.event_total === "number") {
        els.eventTotal.textContent = body.event_total;
      }
    },
    // Refused for good (a date outside the event, a gate removed): retrying cannot help.
    onRefused: function (item, why) { say(msg.msgNotRecorded + " " + why, "danger"); },
    onLogin: function () { say(msg.msgLogin, "warning"); },
  });
  var COUNTS_KEY = queue.ownKey("tally.counts.v1");
  var CHOICE_KEY = queue.ownKey("tally.choice.v1");

  // The counts and choice kept by the earlier page, for everyone: now the signed-in account's.
  [[OLD_COUNTS_KEY, COUNTS_KEY], [OLD_CHOICE_KEY, CHOICE_KEY]].forEach(function (keys) {
    var old = localStorage.getItem(keys[0]);
    if (old === null) return;
    if (localStorage.getItem(keys[1]) === null) localStorage.setItem(keys[1], old);
    localStorage.removeItem(keys[0]);
  });

  function enqueue() {
    var body = { gate: Number(els.gate.value), date: els.date.value, count: clamp(els.count.value) };
    // One item per gate and day: a newer count replaces an unsent (or refused) older one,
    // since on the server each count replaces the previous one anyway.
    queue.add({ body: body }, function (other) {
      return String(other.body.gate) === String(body.gate) && other.body.date === body.date;
    });
  }

  // "Correct": the refused count's gate, day and figure go back in the form.
  List.wire(els.phone, queue, function (item) {
    if (Array.prototype.some.call(els.gate.options, function (o) { return o.value === String(item.body.gate); })) {
      els.gate.value = String(item.body.gate);
    }
    els.date.value = item.body.date;
    rememberChoice();
    els.count.value = clamp(item.body.count);
    storeCount(els.count.value);
    form.scrollIntoView({ block: "start" });
    els.count.focus();
  });

  // Wiring -------------------------------------------------------------------------------

  els.buttons.hidden = false;
  els.kept.hidden = false;
  restoreChoice();
  showStoredCount();

  els.buttons.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-step]");
    if (!button) return;
    els.count.value = clamp(clamp(els.count.value) + parseInt(button.dataset.step, 10));
    storeCount(els.count.value);
  });
  els.count.addEventListener("input", function () { storeCount(els.count.value); });
  els.gate.addEventListener("change", function () { rememberChoice(); showStoredCount(); });
  els.date.addEventListener("change", function () { rememberChoice(); showStoredCount(); });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!els.gate.value) {
      say(msg.msgChooseGate, "warning");
      return;
    }
    storeCount(els.count.value);
    enqueue();
  });

  queue.start();
})();
