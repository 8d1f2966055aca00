// Daily sales declarations from a phone, kept on the device until the server has them
// (the queue is tadamon/queue.js; they go to the API's POST /events/{id}/sales). Each
// declaration gets its client_uuid when typed, so a resend after a dropped connection or a
// reload is recognised by the server and recorded once.
(function () {
  "use strict";
  var root = document.getElementById("sales-declare");
  if (!root || !window.TadamonQueue) return;
  var form = document.getElementById("sales-form");
  var counter = document.getElementById("sales-waiting");
  var errors = document.getElementById("sales-errors");
  var notices = document.getElementById("sales-messages");
  var validatedDays = (root.dataset.validatedDays || "").split(" ").filter(Boolean);

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
      url: root.dataset.recordUrl,
      body: {
        client_uuid: body.client_uuid,
        organization: Number(body.organization),
        date: body.date,
        amount_mad: body.amount_mad,
        payment_method: body.payment_method || null,
      },
    };
  }

  var queue = window.TadamonQueue.create({
    key: "tadamon.sales.queue." + root.dataset.event,
    request: request,
    onChange: function (items, offline) {
      counter.textContent = String(items.length);
      if (offline && items.length) say(root.dataset.msgQueued, "warning");
    },
    onRecorded: function () {
      say(root.dataset.msgRecorded, "success");
      refreshRecorded();
    },
    onRefused: function (item, why) {
      errors.textContent = root.dataset.msgRefused + " " + item.body.amount_mad + " — " + why;
    },
    onLogin: function () { errors.textContent = root.dataset.msgLogin; },
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new FormData(form);
    if (validatedDays.indexOf(data.get("date")) !== -1 &&
        !window.confirm(root.dataset.msgValidatedDay)) {
      return;
    }
    var clientUuid = window.TadamonQueue.newUuid();
    errors.textContent = "";
    queue.add({
      id: clientUuid,
      body: {
        client_uuid: clientUuid,
        organization: Number(root.dataset.organization),
        date: data.get("date"),
        amount_mad: data.get("amount_mad"),
        payment_method: data.get("payment_method") || null,
      },
    });
    form.querySelector("input[name=amount_mad]").value = "";
  });
  queue.start();
})();
