/* The page's side of the installable app (issue 20; the worker is tadamon/pwa/static/pwa/worker.js).
 *
 * - Registers the service worker (/sw.js) where the browser allows one (https, or localhost).
 * - Tells it whose page this is and in which language, so that it keeps the field pages in
 *   that account's cache and deletes the others' when another account signs in.
 * - Says when the page was opened from the phone's copy, and when a new release took over.
 * - Before log-out: asks about items still waiting to be sent, then deletes the account's
 *   queue and kept pages from the phone.
 * - On the offline page, lists the pages kept on the phone.
 * Texts come from data-* attributes of #app-messages (tadamon/templates/base.html).
 */
(function () {
  "use strict";

  var VERSION_KEY = "tadamon.app.version";
  var root = document.documentElement;
  var texts = document.getElementById("app-messages");
  var banner = document.getElementById("app-banner");
  var isOfflinePage = Boolean(document.querySelector("[data-offline-page]"));
  var owner = root.dataset.device || "";

  function text(name) {
    return (texts && texts.dataset[name]) || "";
  }

  function show(message, kind, action) {
    if (!banner) return;
    var box = document.createElement("div");
    box.className = "alert alert-" + kind + " py-2 mb-2 d-flex flex-wrap gap-2 align-items-center";
    box.setAttribute("role", "status");
    var words = document.createElement("span");
    words.textContent = message;
    box.appendChild(words);
    if (action) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-secondary ms-auto";
      button.textContent = action.label;
      button.addEventListener("click", action.run);
      box.appendChild(button);
    }
    banner.appendChild(box);
    banner.hidden = false;
  }

  // A question to the worker, answered through a channel of its own (or null after a while).
  function ask(worker, message) {
    return new Promise(function (resolve) {
      if (!worker) return resolve(null);
      var channel = new MessageChannel();
      var timer = setTimeout(function () { resolve(null); }, 3000);
      channel.port1.onmessage = function (event) {
        clearTimeout(timer);
        resolve(event.data);
      };
      worker.postMessage(message, [channel.port2]);
    });
  }

  function when(iso) {
    var date = new Date(iso);
    if (!iso || isNaN(date.getTime())) return "";
    return date.toLocaleString(root.lang || undefined, {
      day: "numeric", month: "long", hour: "2-digit", minute: "2-digit",
    });
  }

  async function greet(worker) {
    var hello = { type: "hello", language: root.lang };
    if (!isOfflinePage) hello.owner = owner;
    // The worker did not see this page arrive (the first visit): it fetches it to keep it.
    if (!controlledAtLoad && !isOfflinePage) hello.url = window.location.href;
    var reply = await ask(worker, hello);
    if (!reply) return;
    if (reply.fromCache !== null && reply.fromCache !== undefined) {
      show(text("kept").replace("%(when)s", when(reply.fromCache)), "warning");
    }
    var known = localStorage.getItem(VERSION_KEY);
    if (known && known !== reply.version) {
      show(text("updated"), "info");
    }
    localStorage.setItem(VERSION_KEY, reply.version);
    if (isOfflinePage) listKept(worker);
  }

  async function listKept(worker) {
    var list = document.getElementById("offline-kept");
    var none = document.getElementById("offline-none");
    var reply = await ask(worker, { type: "kept" });
    var pages = (reply && reply.pages) || [];
    list.replaceChildren.apply(list, pages.map(function (page) {
      var link = document.createElement("a");
      link.className = "list-group-item list-group-item-action";
      link.href = page.url;
      link.textContent = page.title;
      return link;
    }));
    none.hidden = pages.length > 0;
  }

  // Log-out: nothing waiting is dropped without the person saying so ------------------------

  // The phone's storage answers at once, but a log-out never hangs on it.
  function soon(promise, fallback) {
    return Promise.race([
      promise.catch(function () { return fallback; }),
      new Promise(function (resolve) { setTimeout(function () { resolve(fallback); }, 3000); }),
    ]);
  }

  async function leave(form) {
    var queue = window.TadamonQueue;
    if (owner && queue && queue.pending) {
      var waiting = await soon(queue.pending(owner), 0);
      if (waiting > 0 && !window.confirm(text("leaveWaiting").replace("%(count)s", waiting))) {
        return;
      }
      if (queue.forget) await soon(queue.forget(owner), null);
    }
    if ("serviceWorker" in navigator && navigator.serviceWorker.controller) {
      await ask(navigator.serviceWorker.controller, { type: "forget", owner: owner });
    }
    form.submit();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-logout]");
    if (!form) return;
    event.preventDefault();
    leave(form);
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-reload]")) window.location.reload();
  });

  window.addEventListener("online", function () {
    if (document.querySelector("#app-banner .alert-warning")) {
      show(text("online"), "success", { label: text("reload"), run: function () { window.location.reload(); } });
    }
  });

  // The queue replays with the signed-in account's token, also from the worker (Background
  // Sync) when no field page is open: each signed-in page gives it the current one, since
  // Django changes the token at log-in.
  if (owner && window.TadamonQueue && !isOfflinePage) {
    var token = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    window.TadamonQueue.setOwner(owner).catch(function () {});
    if (token) window.TadamonQueue.setCsrf(decodeURIComponent(token[1])).catch(function () {});
  }

  // Registration ----------------------------------------------------------------------------

  if (!("serviceWorker" in navigator) || !window.isSecureContext || !root.dataset.worker) return;

  var controlledAtLoad = Boolean(navigator.serviceWorker.controller);
  var hadController = controlledAtLoad;
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    // A new release took over while this page was open (its files were all stored first).
    if (hadController) greet(navigator.serviceWorker.controller);
    hadController = true;
  });

  navigator.serviceWorker
    .register(root.dataset.worker, { scope: "/", updateViaCache: "none" })
    .then(function (registration) {
      if (navigator.serviceWorker.controller) greet(navigator.serviceWorker.controller);
      else navigator.serviceWorker.ready.then(function (ready) { greet(ready.active); });
      return registration;
    })
    .catch(function () {
      // No worker (private browsing, a blocked origin): the pages still work online.
    });
})();
