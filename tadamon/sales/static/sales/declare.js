// Daily sales declarations from a phone, kept on the device until the server has them.
// Each declaration gets its client_uuid when typed, so a resend after a dropped connection
// or a reload is recognised by the server and recorded once.
(function () {
  "use strict";
  var root = document.getElementById("sales-declare");
  if (!root) return;
  var KEY = "tadamon.sales.queue." + root.dataset.event;
  var form = document.getElementById("sales-form");
  var counter = document.getElementById("sales-waiting");
  var errors = document.getElementById("sales-errors");
  var sending = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function save(queue) {
    localStorage.setItem(KEY, JSON.stringify(queue));
    counter.textContent = String(queue.length);
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    // Older phones: a random version-4 UUID from Math.random (uniqueness is enough here).
    return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, function (c) {
      var r = (Math.random() * 16) | 0;
      return (c === "x" ? r : (r & 0x3) | 0x8).toString(16);
    });
  }
  function csrf() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function flush() {
    if (sending || !navigator.onLine) return;
    var queue = load();
    if (!queue.length) return;
    sending = true;
    var item = queue[0];
    var sent = false;
    fetch(root.dataset.recordUrl, {
      method: "POST",
      credentials: "same-origin",
      // A session that ended answers with a redirect to the login page: not a recording.
      redirect: "manual",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(item)
    }).then(function (response) {
      if (response.status === 200 || response.status === 201 || response.status === 400) {
        // Recorded, or refused for good: either way it leaves the queue.
        var rest = load().filter(function (q) { return q.client_uuid !== item.client_uuid; });
        save(rest);
        sent = true;
        if (response.status === 400) {
          return response.json().then(function (body) {
            errors.textContent = root.dataset.msgRefused + " " +
              body.detail.map(function (d) { return d.message; }).join(" ");
          });
        }
      }
    }).catch(function () { /* offline or server away: keep it for the next try */ })
      .then(function () {
        sending = false;
        // Go on at once only after progress; a refusal waits for the next "online" or tick.
        if (sent && load().length && navigator.onLine) setTimeout(flush, 200);
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new FormData(form);
    var queue = load();
    queue.push({
      client_uuid: newId(),
      organization: Number(root.dataset.organization),
      date: data.get("date"),
      amount_mad: data.get("amount_mad"),
      payment_method: data.get("payment_method") || ""
    });
    save(queue);
    form.querySelector("input[name=amount_mad]").value = "";
    errors.textContent = "";
    flush();
  });
  window.addEventListener("online", flush);
  setInterval(flush, 15000);
  save(load());
  flush();
})();
