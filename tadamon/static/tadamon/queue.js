/* The offline queue shared by the phone pages (visitor tally, check-in, sales declarations)
 * and the service worker (/sw.js, which importScripts() this file and replays from its `sync`
 * event). A classic script: it runs in a window and in a ServiceWorkerGlobalScope alike.
 *
 * Items live in IndexedDB (database "tadamon", store "queue"), so a dropped connection, a
 * reload, a closed tab or a restarted phone loses nothing. Each item is marked with its owner,
 * the device key of the signed-in account (<html data-device>), so that on a phone shared by
 * two agents the second never sees nor sends the first's items. An item keeps the API request
 * (url, body) it was queued with, so the service worker can send it without the page; the API
 * recognises a resent item (by its client_uuid, or as the same count of a gate and day), so
 * sending twice is harmless, but one context never sends one item twice at once.
 *
 * Item: {id, owner, queue, url, body, label, state, reason, status, answer, created, updated}
 * - state "waiting" until the server's answer is stored (nothing is marked "sending": a crash
 *   in the middle leaves the item waiting, and the resend is recognised);
 * - "sent" (200, 201): `answer` is what the server kept (its JSON body), shown for the day;
 * - "refused" (another 4xx but 408 and 429): `reason` is the server's message; the item stays
 *   until the person corrects or discards it, never dropped silently;
 * - 401 or a redirect (the session ended), no connection, 408, 429, 5xx: the item stays
 *   waiting and the replay stops, to start again later.
 *
 * Shared part: TadamonQueue.{replay, forget, pending, setCsrf, setOwner, getOwner, newUuid}.
 * Pages: TadamonQueue.create({queue, request, onChange, onRecorded, onRefused, onLogin,
 * legacy}) (window only).
 */
(function (self) {
  "use strict";

  var DB_NAME = "tadamon";
  var DB_VERSION = 1;
  var SYNC_TAG = "tadamon-queue";
  var RETRY_MS = 15000;
  // Sent items are shown for the day, then pruned: the last ones of each queue suffice.
  var SENT_KEEP_MS = 24 * 3600 * 1000;
  var SENT_KEEP_COUNT = 20;
  var PREFIX = "tadamon:"; // page data in localStorage: "tadamon:<owner>:<name>"

  var isWindow = typeof self.document !== "undefined";
  var dbPromise = null;
  var running = {}; // owner -> the replay in progress in this context
  var lastCreated = 0;

  // IndexedDB --------------------------------------------------------------------------

  function openDb() {
    if (dbPromise) return dbPromise;
    dbPromise = new Promise(function (resolve, reject) {
      var request = self.indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains("queue")) {
          db.createObjectStore("queue", { keyPath: "id" }).createIndex("owner", "owner");
        }
        if (!db.objectStoreNames.contains("meta")) {
          db.createObjectStore("meta", { keyPath: "name" });
        }
      };
      request.onsuccess = function () {
        var db = request.result;
        // Another tab or the worker upgrading later: let it, and reopen next time.
        db.onversionchange = function () { db.close(); dbPromise = null; };
        resolve(db);
      };
      request.onerror = function () { dbPromise = null; reject(request.error); };
    });
    return dbPromise;
  }

  // Runs `work(stores)` in one transaction; resolves with its result once committed.
  function transaction(names, mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        // What a person recorded is on the phone's disk before the page says it is kept: a
        // browser killed a second later (a phone's memory running short) must not lose it.
        var tx = db.transaction(names, mode, mode === "readwrite" ? { durability: "strict" } : {});
        var stores = {};
        names.forEach(function (name) { stores[name] = tx.objectStore(name); });
        var result;
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error); };
        result = work(stores, function (value) { result = value; });
      });
    });
  }

  function ownerItems(owner) {
    return transaction(["queue"], "readonly", function (stores, done) {
      var request = stores.queue.index("owner").getAll(owner);
      request.onsuccess = function () { done(sorted(request.result)); };
    });
  }

  function sorted(items) {
    return items.sort(function (a, b) { return a.created - b.created || (a.id < b.id ? -1 : 1); });
  }

  function putItems(items) {
    return transaction(["queue"], "readwrite", function (stores) {
      items.forEach(function (item) { stores.queue.put(item); });
    });
  }

  function deleteIds(ids) {
    return transaction(["queue"], "readwrite", function (stores) {
      ids.forEach(function (id) { stores.queue.delete(id); });
    });
  }

  // Stores the answer of an item still waiting: one discarded or replaced while it was on
  // its way is not brought back.
  function storeAnswer(id, changes) {
    return transaction(["queue"], "readwrite", function (stores) {
      var request = stores.queue.get(id);
      request.onsuccess = function () {
        var item = request.result;
        if (!item || item.state !== "waiting") return;
        Object.keys(changes).forEach(function (key) { item[key] = changes[key]; });
        item.updated = Date.now();
        stores.queue.put(item);
      };
    });
  }

  function getMeta(name) {
    return transaction(["meta"], "readonly", function (stores, done) {
      var request = stores.meta.get(name);
      request.onsuccess = function () { done(request.result ? request.result.value : null); };
    });
  }

  function setMeta(name, value) {
    return transaction(["meta"], "readwrite", function (stores) {
      stores.meta.put({ name: name, value: value });
    });
  }

  // Shared API -------------------------------------------------------------------------

  // crypto.randomUUID exists only on https and localhost; a phone on the venue's Wi-Fi may
  // reach the server over plain http, where getRandomValues still works.
  function newUuid() {
    if (self.crypto && typeof self.crypto.randomUUID === "function") {
      return self.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    self.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function nextCreated() {
    lastCreated = Math.max(Date.now(), lastCreated + 1);
    return lastCreated;
  }

  function messages(body) {
    if (body && Array.isArray(body.detail)) {
      return body.detail.map(function (item) { return item.message; }).join(" ");
    }
    if (body && typeof body.detail === "string") return body.detail;
    return "";
  }

  function outcome(status, type) {
    if (status === 200 || status === 201) return "sent";
    if (status === 401 || type === "opaqueredirect") return "login";
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) return "refused";
    return "later";
  }

  function notify() {
    if (isWindow) {
      self.dispatchEvent(new Event("tadamon-queue"));
    } else if (self.clients && self.clients.matchAll) {
      self.clients.matchAll({ includeUncontrolled: true }).then(function (clients) {
        clients.forEach(function (client) { client.postMessage({ type: "tadamon-queue" }); });
      });
    }
  }

  async function post(item, csrf) {
    var response = await fetch(item.url, {
      method: "POST",
      credentials: "same-origin",
      // The API answers an ended session with 401; a redirect (to a login page) is not a
      // recording either.
      redirect: "manual",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf || "" },
      body: JSON.stringify(item.body),
    });
    var body = null;
    if ((response.headers.get("Content-Type") || "").indexOf("application/json") === 0) {
      body = await response.json().catch(function () { return null; });
    }
    return { outcome: outcome(response.status, response.type), status: response.status, body: body };
  }

  async function replayNow(owner, summary) {
    var csrf = await getMeta("csrf");
    var tried = {};
    for (;;) {
      if (self.navigator && self.navigator.onLine === false) {
        summary.offline = true;
        return;
      }
      var items = await ownerItems(owner);
      var item = items.find(function (other) { return other.state === "waiting" && !tried[other.id]; });
      if (!item) return;
      tried[item.id] = true;
      var answer;
      try {
        answer = await post(item, csrf);
      } catch (error) {
        summary.offline = true; // no connection: the item stays waiting
        return;
      }
      if (answer.outcome === "sent") {
        await storeAnswer(item.id, { state: "sent", status: answer.status, answer: answer.body, reason: "" });
        summary.sent += 1;
      } else if (answer.outcome === "refused") {
        await storeAnswer(item.id, {
          state: "refused",
          status: answer.status,
          answer: answer.body,
          reason: messages(answer.body) || String(answer.status),
        });
        summary.refused += 1;
      } else if (answer.outcome === "login") {
        summary.login = true;
        return;
      } else {
        summary.offline = true; // the server is in trouble: try again later
        return;
      }
      notify();
    }
  }

  // Sends the waiting items of `owner` (all queues; the stored owner when none is given), one
  // at a time, oldest first. Resolves to {sent, refused, login, offline}.
  function replay(owner) {
    return (owner === undefined || owner === null ? getOwner() : Promise.resolve(owner))
      .then(function (key) {
        key = key || "";
        if (running[key]) {
          running[key].again = true;
          return running[key].promise;
        }
        var state = { again: false };
        running[key] = state;
        var summary = { sent: 0, refused: 0, login: false, offline: false };
        var once = async function () {
          do {
            state.again = false;
            await replayNow(key, summary);
          } while (state.again && !summary.login && !summary.offline);
          return summary;
        };
        // Between a page and the service worker: one replays, the other leaves it (when the
        // browser has Web Locks); each one's own flag guards within it.
        var locks = self.navigator && self.navigator.locks;
        var run = locks && locks.request
          ? locks.request(SYNC_TAG + ":" + key, { ifAvailable: true }, function (lock) {
            if (!lock) { summary.busy = true; return summary; }
            return once();
          })
          : once();
        state.promise = Promise.resolve(run).finally(function () {
          delete running[key];
          notify();
        });
        return state.promise;
      });
  }

  // Local page data of `owner` (running counts, choices) that forget() removes.
  function ownKey(owner, name) {
    return PREFIX + (owner || "") + ":" + name;
  }

  function forget(owner) {
    owner = owner || "";
    return ownerItems(owner).then(function (items) {
      return deleteIds(items.map(function (item) { return item.id; }));
    }).then(function () {
      if (typeof self.localStorage !== "undefined") {
        var prefix = ownKey(owner, "");
        var keys = [];
        for (var i = 0; i < self.localStorage.length; i++) keys.push(self.localStorage.key(i));
        keys.forEach(function (key) {
          if (key && key.indexOf(prefix) === 0) self.localStorage.removeItem(key);
        });
      }
      notify();
    });
  }

  function pending(owner) {
    return ownerItems(owner || "").then(function (items) {
      return items.filter(function (item) { return item.state !== "sent"; }).length;
    });
  }

  function setCsrf(token) { return setMeta("csrf", token || ""); }
  function setOwner(key) { return setMeta("owner", key || ""); }
  function getOwner() { return getMeta("owner").then(function (value) { return value || ""; }); }

  function prune(owner) {
    return ownerItems(owner).then(function (items) {
      var limit = Date.now() - SENT_KEEP_MS;
      var perQueue = {};
      var old = [];
      items.slice().reverse().forEach(function (item) {
        if (item.state !== "sent") return;
        perQueue[item.queue] = (perQueue[item.queue] || 0) + 1;
        if (item.updated < limit || perQueue[item.queue] > SENT_KEEP_COUNT) old.push(item.id);
      });
      return old.length ? deleteIds(old) : null;
    });
  }

  // Pages ------------------------------------------------------------------------------

  function cookieCsrf() {
    var match = self.document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = self.document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function registerSync() {
    try {
      var container = self.navigator.serviceWorker;
      if (!container || !("SyncManager" in self)) return;
      container.ready.then(function (registration) {
        return registration.sync && registration.sync.register(SYNC_TAG);
      }).catch(function () {});
    } catch (error) {
      // No service worker here (plain http, an old browser): the page replays by itself.
    }
  }

  function readLegacy(key) {
    try {
      var items = JSON.parse(self.localStorage.getItem(key) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (error) {
      return [];
    }
  }

  /* options: {queue, request(item) -> {url, body}, onChange(items, offline),
   *   onRecorded(item, answer), onRefused(item, reason), onLogin(),
   *   legacy: {key, queue(old) -> queue name, request(old) -> {url, body}, label(old)}}
   * The pages' items are {id?, body, label?}; the queue adds the rest. */
  function create(options) {
    var owner = self.document.documentElement.dataset.device || "";
    var name = options.queue;
    var request = options.request;
    var noop = function () {};
    var on = {
      change: options.onChange || noop,
      recorded: options.onRecorded || noop,
      refused: options.onRefused || noop,
      login: options.onLogin || noop,
    };
    var current = [];
    var states = null; // id -> state seen last, to tell the page what changed
    var ready = Promise.all([setOwner(owner), setCsrf(cookieCsrf())])
      .then(migrate)
      .then(function () { return prune(owner); })
      .catch(function () {});

    // Items kept in localStorage by the earlier pages move into IndexedDB, then the key goes.
    function migrate() {
      var legacy = options.legacy;
      if (!legacy || typeof self.localStorage === "undefined") return null;
      var olds = readLegacy(legacy.key);
      if (!olds.length) {
        self.localStorage.removeItem(legacy.key);
        return null;
      }
      var items = olds.map(function (old) {
        var sent = (legacy.request || request)(old);
        var now = nextCreated();
        return {
          id: old.id || newUuid(),
          owner: owner,
          queue: legacy.queue ? legacy.queue(old) : name,
          url: sent.url,
          body: sent.body,
          label: legacy.label ? legacy.label(old) : (old.label || ""),
          state: "waiting",
          reason: "",
          status: 0,
          answer: null,
          created: now,
          updated: now,
        };
      });
      return putItems(items).then(function () { self.localStorage.removeItem(legacy.key); });
    }

    function refresh(offline) {
      return ownerItems(owner).then(function (items) {
        current = items.filter(function (item) { return item.queue === name; });
        if (states) {
          current.forEach(function (item) {
            if (states[item.id] !== "waiting") return;
            if (item.state === "sent") on.recorded(item, item.answer || {});
            if (item.state === "refused") on.refused(item, item.reason);
          });
        }
        states = {};
        current.forEach(function (item) { states[item.id] = item.state; });
        on.change(current, Boolean(offline) || self.navigator.onLine === false);
        return current;
      }).catch(function () { return current; });
    }

    function flush() {
      return ready.then(function () {
        return setCsrf(cookieCsrf());
      }).then(function () {
        return replay(owner);
      }).then(function (summary) {
        if (summary.login) on.login();
        return refresh(summary.offline).then(function () { return summary; });
      }).catch(function () { return refresh(false); });
    }

    // `replaces(other)` removes the waiting or refused items this one makes obsolete.
    function add(entry, replaces) {
      var now = nextCreated();
      var sent = request(entry);
      var item = {
        id: entry.id || newUuid(),
        owner: owner,
        queue: name,
        url: sent.url,
        body: sent.body,
        label: entry.label || "",
        state: "waiting",
        reason: "",
        status: 0,
        answer: null,
        created: now,
        updated: now,
      };
      var obsolete = current.filter(function (other) {
        return other.state !== "sent" && replaces && replaces(other);
      }).map(function (other) { return other.id; });
      current = current.filter(function (other) { return obsolete.indexOf(other.id) === -1; });
      current.push(item);
      if (states) states[item.id] = "waiting";
      return ready
        .then(function () { return obsolete.length ? deleteIds(obsolete) : null; })
        .then(function () { return putItems([item]); })
        .then(function () {
          registerSync();
          refresh(false);
          flush();
          return item;
        });
    }

    function find(id) {
      return current.find(function (item) { return item.id === id; }) || null;
    }

    function discard(id) {
      current = current.filter(function (item) { return item.id !== id; });
      return deleteIds([id]).then(function () { notify(); return refresh(false); });
    }

    // A refused item leaves the queue and is handed back, for its values to go in the form.
    function correct(id) {
      var item = find(id);
      return discard(id).then(function () { return item; });
    }

    function start() {
      self.addEventListener("online", flush);
      self.addEventListener("offline", function () { refresh(true); });
      self.addEventListener("tadamon-queue", function () { refresh(false); });
      if (self.navigator.serviceWorker) {
        self.navigator.serviceWorker.addEventListener("message", function (event) {
          if (event.data && event.data.type === "tadamon-queue") refresh(false);
        });
      }
      self.document.addEventListener("visibilitychange", function () {
        if (self.document.visibilityState === "visible") flush();
      });
      self.setInterval(flush, RETRY_MS);
      ready.then(function () { return refresh(false); }).then(flush);
    }

    return {
      owner: owner,
      add: add,
      items: function () { return current.slice(); },
      refresh: refresh,
      flush: flush,
      discard: discard,
      correct: correct,
      start: start,
      ready: ready,
      ownKey: function (key) { return ownKey(owner, key); },
    };
  }

  self.TadamonQueue = {
    create: create,
    newUuid: newUuid,
    replay: replay,
    forget: forget,
    pending: pending,
    setCsrf: setCsrf,
    setOwner: setOwner,
    getOwner: getOwner,
    ownKey: ownKey,
  };
})(self);
