/* Visitor tally: a running count per gate and day kept on the phone, sent when possible.
 *
 * Every tap updates the count stored in localStorage under the event, gate and day, so a
 * reload or a dropped connection loses nothing. "Send the count" puts the count in a queue
 * kept and sent by tadamon/queue.js, one item per gate and day, to the API's
 * POST /events/{id}/visitor-counts (a count replaces the earlier one of its gate and day).
 */
(function () {
  "use strict";

  var root = document.getElementById("tally");
  var form = document.getElementById("tally-form");
  if (!root || !form || !window.TadamonQueue) return;

  var COUNTS_KEY = "tadamon.tally.counts.v1";
  var QUEUE_KEY = "tadamon.tally.queue.v2";
  var CHOICE_KEY = "tadamon.tally.choice.v1";
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
  // by the earlier page hold the id as text.
  function request(item) {
    var gate = item.body.gate;
    return {
      url: root.dataset.recordUrl,
      body: {
        gate: /^\d+$/.test(String(gate)) ? Number(gate) : gate,
        date: item.body.date,
        count: item.body.count,
      },
    };
  }

  var queue = window.TadamonQueue.create({
    key: QUEUE_KEY,
    owns: function (item) { return item.key.split("|")[0] === EVENT; },
    request: request,
    onChange: function (items, offline) {
      els.queueCount.textContent = String(items.length);
      els.queue.hidden = items.length === 0;
      els.offline.hidden = !offline;
    },
    onRecorded: function (item, body) {
      say(msg.msgSent + " " + body.count, "success");
      if (els.eventTotal && typeof body.event_total === "number") {
        els.eventTotal.textContent = body.event_total;
      }
    },
    // Refused for good (a date outside the event, a gate removed): retrying cannot help.
    onRefused: function (item, why) { say(msg.msgNotRecorded + " " + why, "danger"); },
    onLogin: function () { say(msg.msgLogin, "warning"); },
  });

  function enqueue() {
    var key = currentKey();
    // One item per gate and day: a newer count replaces an unsent older one, since on the
    // server each count replaces the previous one anyway.
    queue.add(
      {
        key: key,
        body: { gate: Number(els.gate.value), date: els.date.value, count: clamp(els.count.value) },
      },
      function (other) { return other.key === key; }
    );
  }

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
