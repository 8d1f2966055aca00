// Daily sales declarations from a phone, kept on the device until the server has them
// (the queue is tadamon/queue.js). Each declaration gets its client_uuid when typed, so a
// resend after a dropped connection or a reload is recognised by the server and recorded once.
(function () {
  "use strict";
  var root = document.getElementById("sales-declare");
  if (!root || !window.TadamonQueue) return;
  var form = document.getElementById("sales-form");
  var counter = document.getElementById("sales-waiting");
  var errors = document.getElementById("sales-errors");

  var queue = window.TadamonQueue.create({
    key: "tadamon.sales.queue." + root.dataset.event,
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
      url: root.dataset.recordUrl,
      body: {
        client_uuid: clientUuid,
        organization: Number(root.dataset.organization),
        date: data.get("date"),
        amount_mad: data.get("amount_mad"),
        payment_method: data.get("payment_method") || "",
      },
    });
    form.querySelector("input[name=amount_mad]").value = "";
  });
  queue.start();
})();
