/* Tadamon's service worker (issue 20): the field pages open on a phone with no network.
 *
 * Loaded by /sw.js (tadamon/pwa/views.py), which first sets self.TADAMON_SW: the release
 * (`version`), the files to store at install (`precache`), the offline page of each language,
 * the static files' prefix, and the header by which a page asks to be kept.
 *
 * - Install stores the release's files in one cache, all or nothing: a release that could not
 *   be stored whole is not installed, and the phone keeps the previous one. It then takes over
 *   at once (the next visit runs it) and the pages say so (tadamon/app.js).
 * - Static files (hashed names that never change) come from the caches, else the network.
 * - Pages come from the network; a page marked by the server (X-Tadamon-Keep: whose it is) is
 *   also kept in its owner's cache. Without a network, or when the network keeps the phone
 *   waiting, the kept copy is shown; a page never kept shows the offline page instead.
 * - Each signed-in account has its own cache of pages. When another account (or nobody) signs
 *   in on the phone, the other accounts' pages are deleted, and log-out deletes the account's
 *   own (tadamon/app.js asks): a shared phone never shows one agent's pages to another.
 * - Background Sync ("tadamon-queue") sends what the pages queued (tadamon/queue.js).
 */
(function () {
  "use strict";

  var config = self.TADAMON_SW;
  var STATIC = "tadamon-static-" + config.version;
  var STATIC_PREFIX = "tadamon-static-";
  var PAGES_PREFIX = "tadamon-pages-";
  var STATE_CACHE = "tadamon-state";
  var STATE_URL = "/__tadamon-state__";
  // A kept page is shown if the network has not answered by then; the answer, when it comes,
  // still refreshes the kept copy.
  var NETWORK_WAIT_MS = 4000;
  // Static caches of earlier releases kept for the pages kept under them.
  var RELEASES_KEPT = 3;
  var fromCache = new Map(); // client id -> when the page it shows was kept

  function pagesCache(owner) {
    return PAGES_PREFIX + (owner || config.publicOwner);
  }

  // State kept across restarts of the worker: whose pages the phone holds, in which language.
  async function readState() {
    var cache = await caches.open(STATE_CACHE);
    var response = await cache.match(STATE_URL);
    if (!response) return { owner: "", language: "" };
    try {
      return await response.json();
    } catch (error) {
      return { owner: "", language: "" };
    }
  }

  async function writeState(state) {
    var cache = await caches.open(STATE_CACHE);
    await cache.put(
      STATE_URL,
      new Response(JSON.stringify(state), { headers: { "Content-Type": "application/json" } })
    );
  }

  // The state is read, changed and written back by events that run side by side (a page
  // kept while another page says hello): one change at a time, or a late writer would put
  // back an owner or a language that another has just replaced.
  var stateTurn = Promise.resolve();

  function oneAtATime(change) {
    var result = stateTurn.then(change);
    stateTurn = result.catch(function () {});
    return result;
  }

  // Another account (or nobody: owner "") now uses the phone: only its pages stay.
  async function switchOwner(owner) {
    var state = await readState();
    if (state.owner !== owner) {
      state.owner = owner;
      await writeState(state);
    }
    var keep = [pagesCache(owner), pagesCache(config.publicOwner)];
    var names = await caches.keys();
    await Promise.all(
      names
        .filter(function (name) { return name.indexOf(PAGES_PREFIX) === 0 && keep.indexOf(name) === -1; })
        .map(function (name) { return caches.delete(name); })
    );
  }

  async function forget(owner) {
    await caches.delete(pagesCache(owner));
    await switchOwner("");
  }

  // Install and activate -------------------------------------------------------------------

  self.addEventListener("install", function (event) {
    event.waitUntil(
      (async function () {
        var cache = await caches.open(STATIC);
        // Asked of the server, not of the browser's HTTP cache, and all or nothing.
        await cache.addAll(config.precache.map(function (url) {
          return new Request(url, { cache: "reload", credentials: "same-origin" });
        }));
        await self.skipWaiting();
      })()
    );
  });

  // The pages kept under the previous release are fetched again, so that they ask for this
  // release's files; the oldest releases' files go.
  async function refreshKept() {
    var state = await readState();
    if (!state.owner) return;
    var cache = await caches.open(pagesCache(state.owner));
    var requests = await cache.keys();
    for (var i = 0; i < requests.length; i++) {
      try {
        var response = await fetch(requests[i].url, { credentials: "same-origin", redirect: "manual" });
        if (response.ok && response.headers.get(config.keepHeader) === state.owner) {
          await cache.put(requests[i], response);
        }
      } catch (error) {
        return; // no network: the earlier copies stay, with their release's files
      }
    }
  }

  async function dropOldReleases() {
    var names = (await caches.keys()).filter(function (name) {
      return name.indexOf(STATIC_PREFIX) === 0 && name !== STATIC;
    });
    // Cache names come back in the order they were made: the oldest first.
    var old = names.slice(0, Math.max(0, names.length - (RELEASES_KEPT - 1)));
    await Promise.all(old.map(function (name) { return caches.delete(name); }));
  }

  self.addEventListener("activate", function (event) {
    event.waitUntil(
      (async function () {
        await self.clients.claim();
        await refreshKept();
        await dropOldReleases();
      })()
    );
  });

  // Fetching ------------------------------------------------------------------------------

  function wait(ms) {
    return new Promise(function (resolve, reject) {
      setTimeout(function () { reject(new Error("slow network")); }, ms);
    });
  }

  async function keep(request, response) {
    var owner = response.headers.get(config.keepHeader);
    if (!owner || !response.ok || response.redirected) return;
    if (owner !== config.publicOwner) {
      await oneAtATime(async function () {
        var state = await readState();
        if (state.owner !== owner) await switchOwner(owner);
      });
    }
    var cache = await caches.open(pagesCache(owner));
    await cache.put(request.url, response);
  }

  // A page opened before this worker ran (the first visit) is kept when the page says so.
  async function keepAddress(url) {
    if (new URL(url).origin !== self.location.origin) return;
    var response = await fetch(url, { credentials: "same-origin", redirect: "manual" });
    await keep(new Request(url), response);
  }

  async function kept(request) {
    var state = await readState();
    var names = [pagesCache(state.owner)];
    if (state.owner) names.push(pagesCache(config.publicOwner));
    for (var i = 0; i < names.length; i++) {
      var cache = await caches.open(names[i]);
      var response = await cache.match(request.url, { ignoreVary: true });
      if (response) return response;
    }
    return null;
  }

  async function offlinePage() {
    var state = await readState();
    var url = config.offline[state.language] || config.offline[Object.keys(config.offline)[0]];
    return (await caches.match(url)) || Response.error();
  }

  async function navigate(event) {
    var request = event.request;
    // The network's answer refreshes the kept copy even when the copy was shown first (a
    // slow network): the worker is kept alive until it is stored.
    var keeping = null;
    var network = fetch(request).then(function (response) {
      keeping = keep(request, response.clone()).catch(function () {});
      return response;
    });
    event.waitUntil(network.then(function () { return keeping; }, function () {}));
    var copy = await kept(request);
    try {
      return await (copy ? Promise.race([network, wait(NETWORK_WAIT_MS)]) : network);
    } catch (error) {
      network.catch(function () {});
      if (copy) {
        fromCache.set(event.resultingClientId, copy.headers.get("Date") || "");
        return copy;
      }
      return offlinePage();
    }
  }

  async function asset(request) {
    var current = await caches.open(STATIC);
    var cached = (await current.match(request)) || (await caches.match(request));
    if (cached) return cached;
    var response = await fetch(request);
    if (response.ok) await current.put(request, response.clone());
    return response;
  }

  self.addEventListener("fetch", function (event) {
    var request = event.request;
    if (request.method !== "GET") return;
    var url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    if (request.mode === "navigate") {
      event.respondWith(navigate(event));
    } else if (url.pathname.indexOf(config.staticUrl) === 0) {
      event.respondWith(asset(request));
    }
    // Anything else (htmx parts, the API) goes to the network as it is.
  });

  // The pages' questions (tadamon/app.js) ----------------------------------------------------

  async function keptPages() {
    var state = await readState();
    if (!state.owner) return [];
    var cache = await caches.open(pagesCache(state.owner));
    var requests = await cache.keys();
    var pages = [];
    for (var i = 0; i < requests.length; i++) {
      var response = await cache.match(requests[i]);
      var text = response ? await response.text() : "";
      var title = /<title>([^<]*)<\/title>/.exec(text);
      pages.push({
        url: requests[i].url,
        title: title ? title[1].trim() : requests[i].url,
        kept: response ? response.headers.get("Date") || "" : "",
      });
    }
    return pages;
  }

  async function answer(event) {
    var data = event.data || {};
    if (data.type === "hello") {
      await oneAtATime(async function () {
        var state = await readState();
        if (typeof data.owner === "string" && data.owner !== state.owner) {
          await switchOwner(data.owner);
          state = await readState();
        }
        if (data.language && data.language !== state.language) {
          state.language = data.language;
          await writeState(state);
        }
      });
      if (data.url) await keepAddress(data.url).catch(function () {});
      var id = event.source && event.source.id;
      var savedAt = fromCache.get(id);
      fromCache.delete(id);
      return { version: config.version, fromCache: savedAt === undefined ? null : savedAt };
    }
    if (data.type === "forget") {
      await oneAtATime(function () { return forget(data.owner || ""); });
      return { forgotten: true };
    }
    if (data.type === "kept") {
      return { pages: await keptPages() };
    }
    return null;
  }

  self.addEventListener("message", function (event) {
    var port = event.ports && event.ports[0];
    event.waitUntil(
      answer(event).then(
        function (reply) { if (port) port.postMessage(reply); },
        function (error) { if (port) port.postMessage({ error: String(error) }); }
      )
    );
  });

  // Background Sync: the queue is sent even when no page is open ---------------------------

  self.addEventListener("sync", function (event) {
    if (event.tag !== "tadamon-queue" || !self.TadamonQueue || !self.TadamonQueue.replay) return;
    event.waitUntil(
      readState().then(function (state) {
        return state.owner ? self.TadamonQueue.replay(state.owner) : null;
      })
    );
  });
})();
