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
    onChange: function (items) { counter.textContent = String(items.length); },
    onRefused: function (item, why) {
      errors.textContent = root.dataset.msgRefused + " " + item.body.amount_mad + " — " + why;
    },
    onLogin: function () { errors.textContent = root.dataset.msgLogin; },
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new FormData(form);
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
