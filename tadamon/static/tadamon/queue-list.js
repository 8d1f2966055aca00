/* "On this phone": the list of a page's queued items with their state, drawn from the items
 * of tadamon/queue.js into the section of templates/includes/queue_list.html (its words come
 * from that section's data-msg-* attributes, translated by the server).
 *
 * TadamonQueueList.render(section, items, {describe(item), kept(item), onCorrect(item)})
 * - waiting: the time it was queued;
 * - sent: what the server kept (`kept(item)`, from the server's answer);
 * - refused: the server's reason, with "Correct" (the values go back in the form) and
 *   "Discard" (after a confirmation): a refused item never disappears by itself.
 */
(function () {
  "use strict";

  function lang() {
    // Latin digits, as the server writes figures in both languages.
    return (document.documentElement.lang || "fr") + "-u-nu-latn";
  }

  // As the server writes figures (tadamon/core/figures.py): grouped by a space and with a
  // decimal comma in Arabic and French, the decimals as given ("1250.50" keeps two).
  function number(value) {
    var n = Number(value);
    if (value === null || value === undefined || value === "" || isNaN(n)) return "";
    var decimals = (String(value).split(".")[1] || "").length;
    var code = /^(ar|fr)/.test(document.documentElement.lang || "fr") ? "fr-u-nu-latn" : lang();
    var text = new Intl.NumberFormat(code, { minimumFractionDigits: decimals, maximumFractionDigits: Math.max(decimals, 2) })
      .format(n).replace(/\u202f/g, "\u00a0");
    // Isolated left to right: in an Arabic line "1 250,50" would otherwise read "250,50 1".
    return "\u2066" + text + "\u2069";
  }

  // A day as "7 déc." / "7 ديسمبر", from the API's ISO date.
  function day(iso) {
    var parts = String(iso || "").split("-").map(Number);
    if (parts.length !== 3 || parts.some(isNaN)) return String(iso || "");
    return new Intl.DateTimeFormat(lang(), { day: "numeric", month: "short" })
      .format(new Date(parts[0], parts[1] - 1, parts[2]));
  }

  function time(ms) {
    return new Intl.DateTimeFormat(lang(), { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(ms));
  }

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, key) {
      return values[key] === undefined ? all : values[key];
    });
  }

  var BADGE = { waiting: "text-bg-warning", sent: "text-bg-success", refused: "text-bg-danger" };

  function render(section, items, options) {
    if (!section) return;
    var msg = section.dataset;
    var label = { waiting: msg.msgWaiting, sent: msg.msgSent, refused: msg.msgRefused };
    var count = { waiting: 0, sent: 0, refused: 0 };
    items.forEach(function (item) { count[item.state] = (count[item.state] || 0) + 1; });

    var summary = section.querySelector("[data-queue-summary]");
    var parts = ["waiting", "refused", "sent"].filter(function (state) { return count[state]; })
      .map(function (state) { return label[state] + " " + count[state]; });
    summary.textContent = parts.length ? parts.join(" · ") : msg.msgEmpty;
    summary.className = "small mb-2 " + (count.refused ? "text-danger fw-semibold" : "text-body-secondary");
    section.dataset.waiting = String(count.waiting);
    section.dataset.refused = String(count.refused);
    section.dataset.sent = String(count.sent);

    var list = section.querySelector("[data-queue-items]");
    list.replaceChildren();
    list.hidden = items.length === 0;
    // The latest first: what was just typed is on top.
    items.slice().reverse().forEach(function (item) {
      var li = document.createElement("li");
      li.className = "list-group-item";
      li.dataset.id = item.id;
      li.dataset.state = item.state;
      var row = document.createElement("div");
      row.className = "d-flex gap-2 align-items-start";
      var text = document.createElement("div");
      text.className = "flex-grow-1";
      text.style.minWidth = "0";
      var what = document.createElement("div");
      what.className = "fw-semibold";
      what.textContent = options.describe(item);
      var detail = document.createElement("div");
      detail.className = "small";
      if (item.state === "sent") {
        detail.classList.add("text-success-emphasis");
        detail.dataset.kept = "1";
        detail.textContent = (options.kept && options.kept(item)) || fill(msg.msgSentAt, { time: time(item.updated) });
      } else if (item.state === "refused") {
        detail.classList.add("text-danger");
        detail.dataset.reason = "1";
        detail.textContent = item.reason;
      } else {
        detail.classList.add("text-body-secondary");
        detail.textContent = fill(msg.msgQueuedAt, { time: time(item.created) });
      }
      text.append(what, detail);
      var badge = document.createElement("span");
      badge.className = "badge text-nowrap " + (BADGE[item.state] || "text-bg-secondary");
      badge.textContent = label[item.state] || item.state;
      row.append(text, badge);
      li.append(row);
      if (item.state === "refused") {
        var actions = document.createElement("div");
        actions.className = "d-flex gap-2 mt-2";
        var correct = document.createElement("button");
        correct.type = "button";
        correct.className = "btn btn-sm btn-outline-primary flex-fill";
        correct.dataset.action = "correct";
        correct.textContent = msg.msgCorrect;
        var discard = document.createElement("button");
        discard.type = "button";
        discard.className = "btn btn-sm btn-outline-danger flex-fill";
        discard.dataset.action = "discard";
        discard.textContent = msg.msgDiscard;
        actions.append(correct, discard);
        li.append(actions);
      }
      list.append(li);
    });
  }

  // One listener per section: the buttons are drawn again at each change.
  function wire(section, queue, onCorrect) {
    if (!section) return;
    section.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var id = button.closest("li[data-id]").dataset.id;
      if (button.dataset.action === "discard") {
        if (window.confirm(section.dataset.msgDiscardConfirm)) queue.discard(id);
      } else if (button.dataset.action === "correct") {
        queue.correct(id).then(function (item) { if (item) onCorrect(item); });
      }
    });
  }

  window.TadamonQueueList = { render: render, wire: wire, number: number, day: day, time: time, fill: fill };
})();
