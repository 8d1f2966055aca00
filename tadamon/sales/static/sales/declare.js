// Daily sales declarations from a phone, kept on the device until the server has them
// (the queue is tadamon/queue.js, in IndexedDB; they go to the API's POST /events/{id}/sales).
// Each declaration gets its client_uuid when typed, so a resend after a dropped connection or
// a reload is recognised by the server and recorded once. "On this phone" lists them with
// their state; a refused one goes back in the form or is discarded, never dropped silently.
(function () {
  "use strict";
  var root = document.getElementById("sales-declare");
  if (!root || !window.TadamonQueue || !window.TadamonQueueList) return;
  var List = window.TadamonQueueList;
  var form = document.getElementById("sales-form");
  var counter = document.getElementById("sales-waiting");
  var errors = document.getElementById("sales-errors");
  var notices = document.getElementById("sales-messages");
  var totals = document.getElementById("sales-totals");
  var section = document.getElementById("sales-phone");
  var msg = root.dataset;
  var validatedDays = (msg.validatedDays || "").split(" ").filter(Boolean);

  function say(text, kind) {
    var box = document.createElement("div");
    box.className = "alert alert-" + kind + " py-2 mb-2";
    box.setAttribute("role", kind === "success" ? "status" : "alert");
    box.textContent = text;
    notices.replaceChildren(box);
  }

  // The list as the server writes it (dates in words, amounts grouped, statuses translated):
  // the page is fetched again and its list taken, rather than rebuilt here.
  async function refreshRecorded() {
    try {
      var response = await fetch(window.location.href, { credentials: "same-origin" });
      if (!response.ok) return;
      var page = new DOMParser().parseFromString(await response.text(), "text/html");
      var fresh = page.getElementById("sales-recorded");
      var current = document.getElementById("sales-recorded");
      if (fresh && current) current.replaceWith(fresh);
      var freshRoot = page.getElementById("sales-declare");
      if (freshRoot) {
        validatedDays = (freshRoot.dataset.validatedDays || "").split(" ").filter(Boolean);
      }
    } catch (error) {
      // Offline again: the list catches up at the next declaration or reload.
    }
  }

  // The API's body; an item queued by the earlier page says "" for no payment method.
  function request(item) {
    var body = item.body;
    return {
      url: msg.recordUrl,
      body: {
        client_uuid: body.client_uuid,
        organization: Number(body.organization),
        date: body.date,
        amount_mad: body.amount_mad,
        payment_method: body.payment_method || null,
      },
    };
  }

  function describe(item) {
    return List.day(item.body.date) + " · " + List.fill(msg.msgAmount, { amount: List.number(item.body.amount_mad) });
  }

  // What the server kept: the amount it recorded and, when it says so, the day's total.
  function kept(item) {
    var answer = item.answer || {};
    var text = List.fill(msg.msgKept, { amount: List.number(answer.amount_mad !== undefined ? answer.amount_mad : item.body.amount_mad) });
    if (answer.organization_day_declared_mad !== undefined && answer.organization_day_declared_mad !== null) {
      text += " · " + List.fill(msg.msgDayTotal, { amount: List.number(answer.organization_day_declared_mad) });
    }
    return text;
  }

  // The organization's totals as the server counted them after the latest declaration sent.
  function showTotals(items) {
    var latest = items.filter(function (item) {
      return item.state === "sent" && item.answer && item.answer.organization_declared_mad !== undefined;
    }).pop();
    if (!totals) return;
    totals.hidden = !latest;
    if (!latest) return;
    var answer = latest.answer;
    var text = List.fill(msg.msgDeclaredTotal, { amount: List.number(answer.organization_declared_mad) });
    if (answer.organization_total_mad !== undefined && answer.organization_total_mad !== null) {
      text += " · " + List.fill(msg.msgValidatedTotal, { amount: List.number(answer.organization_total_mad) });
    }
    totals.textContent = text;
  }

  var queue = window.TadamonQueue.create({
    queue: "sales." + msg.event,
    request: request,
    legacy: { key: "tadamon.sales.queue." + msg.event },
    onChange: function (items, offline) {
      var waiting = items.filter(function (item) { return item.state === "waiting"; }).length;
      counter.textContent = String(waiting);
      if (offline && waiting) say(msg.msgQueued, "warning");
      List.render(section, items, { describe: describe, kept: kept });
      showTotals(items);
    },
    onRecorded: function () {
      errors.textContent = "";
      say(msg.msgRecorded, "success");
      refreshRecorded();
    },
    onRefused: function (item, why) {
      errors.textContent = msg.msgRefused + " " + List.number(item.body.amount_mad) + " — " + why;
    },
    onLogin: function () { errors.textContent = msg.msgLogin; },
  });

  // "Correct": the refused declaration's values go back in the form, to be declared anew.
  List.wire(section, queue, function (item) {
    form.querySelector("input[name=date]").value = item.body.date || "";
    form.querySelector("input[name=amount_mad]").value = item.body.amount_mad || "";
    form.querySelector("select[name=payment_method]").value = item.body.payment_method || "";
    errors.textContent = "";
    form.scrollIntoView({ block: "start" });
    form.querySelector("input[name=amount_mad]").focus();
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new FormData(form);
    if (validatedDays.indexOf(data.get("date")) !== -1 &&
        !window.confirm(msg.msgValidatedDay)) {
      return;
    }
    var clientUuid = window.TadamonQueue.newUuid();
    errors.textContent = "";
    queue.add({
      id: clientUuid,
      body: {
        client_uuid: clientUuid,
        organization: Number(msg.organization),
        date: data.get("date"),
        amount_mad: data.get("amount_mad"),
        payment_method: data.get("payment_method") || null,
      },
    });
    form.querySelector("input[name=amount_mad]").value = "";
  });
  queue.start();
})();
