/* The offline queue shared by the phone pages (visitor tally, check-in, sales declarations).
 *
 * Items are kept in localStorage before anything is sent, so a dropped connection, a reload
 * or a closed tab loses nothing. They are posted one by one, in order, to the REST API
 * (tadamon/api), signed in by the browser's session with its CSRF token; the API answers
 * errors as {detail: [{field, message}]} and recognises a resent item (by its client_uuid,
 * or as the same count of a gate and day), so sending twice is harmless.
 *
 * The page says where each item goes and with which body (`request(item)`: {url, body}), at
 * the time it is sent: items queued by an earlier version of the page (another address, an
 * older body) are sent as the page sends them today.
 *
 * An answer is one of:
 * - recorded (200, 201): the item leaves the queue;
 * - refused (another 4xx): retrying cannot help, the item leaves the queue and the page
 *   says why;
 * - login (401; or a redirect to the login page, should one come): the session ended,
 *   items stay queued;
 * - later (no connection, 408, 429, 5xx): items stay queued for the next try, made when
 *   the browser says it is online again and every 15 seconds.
 *
 * Usage: TadamonQueue.create({key, owns, request, onRecorded, onRefused, onLogin, onChange}).
 */
(function () {
  "use strict";

  var RETRY_MS = 15000;

  // crypto.randomUUID exists only on https and localhost; a phone on the venue's Wi-Fi may
  // reach the server over plain http, where getRandomValues still works.
  function newUuid() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function messages(body) {
    if (body && Array.isArray(body.detail)) {
      return body.detail.map(function (item) { return item.message; }).join(" ");
    }
    return "";
  }

  function outcome(status, type) {
    if (status === 200 || status === 201) return "recorded";
    if (status === 401 || type === "opaqueredirect") return "login";
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) return "refused";
    return "later";
  }

  async function post(item, request) {
    var sent = request(item);
    var response = await fetch(sent.url, {
      method: "POST",
      credentials: "same-origin",
      // The API answers an ended session with 401; a redirect (to a login page) is not a
      // recording either.
      redirect: "manual",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(sent.body),
    });
    var body = null;
    if ((response.headers.get("Content-Type") || "").indexOf("application/json") === 0) {
      body = await response.json().catch(function () { return null; });
    }
    return { outcome: outcome(response.status, response.type), status: response.status, body: body };
  }

  function create(options) {
    var key = options.key;
    var owns = options.owns || function () { return true; };
    var request = options.request || function (item) { return { url: item.url, body: item.body }; };
    var noop = function () {};
    var on = {
      recorded: options.onRecorded || noop,
      refused: options.onRefused || noop,
      login: options.onLogin || noop,
      change: options.onChange || noop,
    };
    var flushing = false;

    function load() {
      try {
        var items = JSON.parse(localStorage.getItem(key) || "[]");
        return Array.isArray(items) ? items : [];
      } catch (error) {
        return [];
      }
    }

    function save(items) {
      localStorage.setItem(key, JSON.stringify(items));
    }

    function changed(offline) {
      on.change(load().filter(owns), Boolean(offline) || navigator.onLine === false);
    }

    // `replaces(other)` drops the queued items this one makes obsolete (a newer count).
    function add(item, replaces) {
      item.id = item.id || newUuid();
      var items = load().filter(function (other) { return !(replaces && replaces(other)); });
      items.push(item);
      save(items);
      changed(false);
      flush();
      return item;
    }

    function remove(id) {
      save(load().filter(function (item) { return item.id !== id; }));
    }

    async function flush() {
      if (flushing || navigator.onLine === false) {
        changed(false);
        return;
      }
      flushing = true;
      var offline = false;
      try {
        var items = load().filter(owns);
        for (var i = 0; i < items.length; i++) {
          var item = items[i];
          var answer;
          try {
            answer = await post(item, request);
          } catch (error) {
            offline = true; // no connection: the item stays queued
            break;
          }
          if (answer.outcome === "recorded") {
            remove(item.id);
            on.recorded(item, answer.body || {});
          } else if (answer.outcome === "refused") {
            remove(item.id);
            on.refused(item, messages(answer.body) || String(answer.status));
          } else if (answer.outcome === "login") {
            on.login(item, messages(answer.body));
            break;
          } else {
            offline = true; // the server is in trouble: try again later
            break;
          }
        }
      } finally {
        flushing = false;
        changed(offline);
      }
    }

    function start() {
      window.addEventListener("online", flush);
      window.addEventListener("offline", function () { changed(true); });
      window.setInterval(flush, RETRY_MS);
      changed(false);
      flush();
    }

    return { add: add, items: function () { return load().filter(owns); }, flush: flush, start: start };
  }

  window.TadamonQueue = { create: create, newUuid: newUuid };
})();
