/* Visitor tally: a running count per gate and day kept on the phone, sent when possible.
 *
 * Every tap updates the count stored in localStorage under the event, gate and day, so a
 * reload or a dropped connection loses nothing. "Send the count" puts the count in a queue
 * (also in localStorage), one item per gate and day: a newer count replaces an unsent older
 * one, since on the server each count replaces the previous one anyway. The queue is sent
 * when the browser says it is online again and every 15 seconds.
 */
(function () {
  "use strict";

  var root = document.getElementById("tally");
  var form = document.getElementById("tally-form");
  if (!root || !form) return;

  var COUNTS_KEY = "tadamon.tally.counts.v1";
  var QUEUE_KEY = "tadamon.tally.queue.v1";
  var CHOICE_KEY = "tadamon.tally.choice.v1";
  var RETRY_MS = 15000;
  var EVENT = root.dataset.event;
  var MAX = parseInt(root.dataset.max, 10) || 1000000;
  var msg = root.dataset;
  var sending = false;

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

  function errorText(body) {
    if (body && Array.isArray(body.detail)) {
      return body.detail.map(function (item) { return item.message; }).join(" ");
    }
    return "";
  }

  // The queue ----------------------------------------------------------------------------

  function showQueue(offline) {
    var items = load(QUEUE_KEY, []);
    els.queueCount.textContent = String(items.length);
    els.queue.hidden = items.length === 0;
    els.offline.hidden = !offline;
  }

  function enqueue() {
    var item = {
      key: currentKey(),
      url: root.dataset.recordUrl,
      body: { gate: els.gate.value, date: els.date.value, count: clamp(els.count.value) },
    };
    var items = load(QUEUE_KEY, []).filter(function (other) { return other.key !== item.key; });
    items.push(item);
    save(QUEUE_KEY, items);
  }

  function removeSent(item) {
    // Only when the queue still holds this very count: a newer one waits its turn.
    var items = load(QUEUE_KEY, []).filter(function (other) {
      return !(other.key === item.key && other.body.count === item.body.count);
    });
    save(QUEUE_KEY, items);
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function flush() {
    if (sending) return;
    var items = load(QUEUE_KEY, []).filter(function (item) {
      return item.key.split("|")[0] === EVENT;
    });
    if (items.length === 0) {
      showQueue(false);
      return;
    }
    sending = true;
    var item = items[0];
    fetch(item.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(item.body),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        sending = false;
        if (response.ok) {
          removeSent(item);
          say(msg.msgSent + " " + body.count, "success");
          if (els.eventTotal && typeof body.total === "number") els.eventTotal.textContent = body.total;
          flush();
        } else if (response.status === 401) {
          say(msg.msgLogin, "warning");
          showQueue(false);
        } else if (response.status >= 500) {
          showQueue(true);
        } else {
          // Refused for good (a date outside the event, a gate removed): retrying cannot help.
          removeSent(item);
          say(msg.msgNotRecorded + " " + errorText(body), "danger");
          flush();
        }
      });
    }).catch(function () {
      sending = false;
      showQueue(true);
    });
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
    showQueue(!navigator.onLine);
    flush();
  });

  window.addEventListener("online", flush);
  window.setInterval(flush, RETRY_MS);
  showQueue(!navigator.onLine);
  flush();
})();
