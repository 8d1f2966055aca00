/* Check-in page: a queue of check-ins kept on the phone, sent when the connection allows.
 *
 * Every tap on "present" (or every scanned badge) becomes an item with its own client_uuid,
 * stored in localStorage before anything is sent, so that a lost connection or a closed
 * tab loses nothing. Items are sent one by one to the page's JSON endpoint; the server
 * records a person once per session, so sending an item again is harmless. The queue is
 * retried when the browser says it is online again and every 15 seconds.
 */
(function () {
  "use strict";

  var root = document.getElementById("checkin");
  if (!root) return;

  var QUEUE_KEY = "tadamon.checkin.queue.v1";
  var RETRY_MS = 15000;
  var SEARCH_DELAY_MS = 300;
  var SESSION = root.dataset.session;
  var msg = root.dataset;
  var people = [];
  try {
    people = JSON.parse(document.getElementById("checkin-people").textContent) || [];
  } catch (error) {
    people = [];
  }

  var els = {
    queueStatus: document.getElementById("queue-status"),
    queueCount: document.getElementById("queue-count"),
    queueOffline: document.getElementById("queue-offline"),
    messages: document.getElementById("checkin-messages"),
    searchForm: document.getElementById("checkin-search-form"),
    query: document.getElementById("checkin-q"),
    candidates: document.getElementById("candidates"),
    present: document.getElementById("present-section"),
    scanStart: document.getElementById("scan-start"),
    scanner: document.getElementById("scanner"),
    video: document.getElementById("scanner-video"),
    scanStop: document.getElementById("scan-stop"),
  };

  // The queue ---------------------------------------------------------------------------

  function loadQueue() {
    try {
      var items = JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (error) {
      return [];
    }
  }

  function saveQueue(items) {
    localStorage.setItem(QUEUE_KEY, JSON.stringify(items));
  }

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

  function enqueue(body, label) {
    var items = loadQueue();
    var duplicate = items.some(function (item) {
      return item.session === SESSION &&
        ((body.person && item.body.person === body.person) || (body.code && item.body.code === body.code));
    });
    if (!duplicate) {
      var clientUuid = newUuid();
      body.client_uuid = clientUuid;
      body.checked_in_at = new Date().toISOString();
      items.push({ id: clientUuid, session: SESSION, url: root.dataset.recordUrl, body: body, label: label });
      saveQueue(items);
    }
    showQueue();
    showPending();
    flush();
  }

  function showQueue() {
    var count = loadQueue().length;
    els.queueCount.textContent = String(count);
    els.queueStatus.hidden = count === 0;
    els.queueOffline.hidden = navigator.onLine !== false;
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function say(text, kind) {
    var box = document.createElement("div");
    box.className = "alert alert-" + (kind || "danger") + " py-2";
    box.textContent = text;
    els.messages.prepend(box);
    while (els.messages.children.length > 3) els.messages.lastChild.remove();
  }

  function firstMessage(data) {
    if (data && Array.isArray(data.detail) && data.detail.length) return data.detail[0].message;
    return "";
  }

  function remove(id) {
    saveQueue(loadQueue().filter(function (item) { return item.id !== id; }));
  }

  var flushing = false;

  async function send(item) {
    var response = await fetch(item.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(item.body),
    });
    var data = null;
    if ((response.headers.get("Content-Type") || "").indexOf("application/json") === 0) {
      data = await response.json();
    }
    return { status: response.status, data: data };
  }

  async function flush() {
    if (flushing || navigator.onLine === false) {
      showQueue();
      return;
    }
    flushing = true;
    var recorded = false;
    try {
      var items = loadQueue();
      for (var i = 0; i < items.length; i++) {
        var item = items[i];
        var answer;
        try {
          answer = await send(item);
        } catch (error) {
          break; // no connection: the item stays queued
        }
        if (answer.status === 200 || answer.status === 201) {
          remove(item.id);
          recorded = recorded || item.session === SESSION;
        } else if (answer.status === 401) {
          say(firstMessage(answer.data) || msg.msgLogin);
          break;
        } else if (answer.status >= 400 && answer.status < 500 && answer.status !== 408 && answer.status !== 429) {
          // Refused for good (unknown person, not allowed...): sending again would not help.
          remove(item.id);
          say(msg.msgNotRecorded + " " + item.label + " — " + (firstMessage(answer.data) || answer.status));
        } else {
          break; // the server is in trouble: try again later
        }
      }
    } finally {
      flushing = false;
      showQueue();
    }
    if (recorded) refreshPresent();
  }

  // The list of people present --------------------------------------------------------

  function showPending() {
    var list = document.getElementById("present-list");
    if (!list) return;
    list.querySelectorAll("li.pending").forEach(function (li) { li.remove(); });
    var pending = loadQueue().filter(function (item) { return item.session === SESSION; });
    pending.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "list-group-item d-flex align-items-center gap-2 pending";
      var name = document.createElement("div");
      name.className = "flex-grow-1";
      name.textContent = item.label;
      var badge = document.createElement("span");
      badge.className = "badge text-bg-warning";
      badge.textContent = msg.msgWaiting;
      li.append(name, badge);
      list.prepend(li);
    });
    var empty = document.getElementById("present-empty");
    if (empty) empty.hidden = pending.length > 0;
  }

  async function refreshPresent() {
    try {
      var response = await fetch(root.dataset.presentUrl, { credentials: "same-origin" });
      if (response.ok) els.present.innerHTML = await response.text();
    } catch (error) {
      // Offline again: the list shows what it showed, with the pending check-ins.
    }
    showPending();
  }

  // Search ----------------------------------------------------------------------------

  // The same folding as the server's (tadamon.core.text.normalize), for offline search.
  var FOLD = { "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ڭ": "ك", "گ": "ك", "ک": "ك", "ی": "ي" };
  var ARTICLES = ["وال", "بال", "كال", "فال", "لل", "ال"];

  function normalize(text) {
    // NFKD splits hamza and accents off their letters; both are then dropped.
    return text.normalize("NFKD")
      .replace(/[\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u0300-\u036f]/g, "")
      .replace(/[أإآٱىةؤئڭگکی]/g, function (ch) { return FOLD[ch]; })
      .toLowerCase();
  }

  function words(text) {
    return normalize(text).split(/[\s'’‘`´\-_.,;:/\\()\[\]"«»،؛؟?!]+/).filter(Boolean).map(function (word) {
      for (var i = 0; i < ARTICLES.length; i++) {
        if (word.indexOf(ARTICLES[i]) === 0 && word.length - ARTICLES[i].length >= 2) {
          return word.slice(ARTICLES[i].length);
        }
      }
      return word;
    });
  }

  function personRow(person) {
    var li = document.createElement("li");
    li.className = "card card-body p-2 mb-2";
    var row = document.createElement("div");
    row.className = "d-flex align-items-center gap-2";
    var text = document.createElement("div");
    text.className = "flex-grow-1";
    var name = document.createElement("div");
    name.className = "fw-semibold";
    name.textContent = person.name;
    var organization = document.createElement("div");
    organization.className = "small text-body-secondary";
    organization.textContent = person.organization;
    text.append(name, organization);
    var form = document.createElement("form");
    form.className = "checkin-form";
    form.dataset.person = String(person.id);
    form.dataset.name = person.name;
    var button = document.createElement("button");
    button.type = "submit";
    button.className = "btn btn-success btn-lg px-4";
    button.textContent = msg.msgPresent;
    form.append(button);
    row.append(text, form);
    li.append(row);
    return li;
  }

  function searchOffline(query) {
    var wanted = words(query);
    var found = people.filter(function (person) {
      return wanted.every(function (word) { return person.search.indexOf(word) !== -1; });
    }).slice(0, 20);
    els.candidates.replaceChildren();
    var note = document.createElement("p");
    note.className = "small text-warning-emphasis";
    note.textContent = msg.msgOfflineSearch;
    els.candidates.append(note);
    if (!found.length) {
      var none = document.createElement("p");
      none.className = "text-body-secondary";
      none.textContent = msg.msgNobody;
      els.candidates.append(none);
      return;
    }
    var list = document.createElement("ul");
    list.className = "list-unstyled mb-3";
    found.forEach(function (person) { list.append(personRow(person)); });
    els.candidates.append(list);
  }

  var searchTimer = null;
  var searchNumber = 0;

  async function search() {
    var query = els.query.value.trim();
    var number = ++searchNumber;
    if (!query) {
      els.candidates.replaceChildren();
      return;
    }
    if (navigator.onLine === false) {
      searchOffline(query);
      return;
    }
    try {
      var url = root.dataset.searchUrl + "?q=" + encodeURIComponent(query);
      var response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      var html = await response.text();
      if (number === searchNumber) els.candidates.innerHTML = html; // a later search won
    } catch (error) {
      if (number === searchNumber) searchOffline(query);
    }
  }

  els.query.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(search, SEARCH_DELAY_MS);
  });
  els.searchForm.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(searchTimer);
    search();
  });

  // "Present": the server's forms and the offline rows alike.
  els.candidates.addEventListener("submit", function (event) {
    var form = event.target.closest("form.checkin-form");
    if (!form) return;
    event.preventDefault();
    var badge = document.createElement("span");
    badge.className = "badge text-bg-secondary fs-6";
    badge.textContent = msg.msgPresent;
    form.replaceWith(badge);
    enqueue({ person: Number(form.dataset.person) }, form.dataset.name);
  });

  // QR badges -------------------------------------------------------------------------

  var UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
  var stream = null;
  var recent = {};

  function stopCamera() {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    els.scanner.hidden = true;
    els.scanStart.hidden = false;
  }

  function scanned(raw) {
    var match = UUID.exec(raw || "");
    if (!match) return;
    var code = match[0].toLowerCase();
    var now = Date.now();
    if (recent[code] && now - recent[code] < 5000) return; // the same badge, still in view
    recent[code] = now;
    var known = people.find(function (person) { return person.code === code; });
    var label = known ? known.name : msg.msgCode + " " + code.slice(0, 8).toUpperCase();
    if (navigator.vibrate) navigator.vibrate(80);
    say(label, "success");
    enqueue({ code: code }, label);
  }

  async function startCamera() {
    try {
      var formats = await window.BarcodeDetector.getSupportedFormats();
      if (formats.indexOf("qr_code") === -1) throw new Error("no qr_code");
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      els.video.srcObject = stream;
      els.scanner.hidden = false;
      els.scanStart.hidden = true;
      await els.video.play();
      var look = async function () {
        if (!stream) return;
        try {
          var codes = await detector.detect(els.video);
          if (codes.length) scanned(codes[0].rawValue);
        } catch (error) {
          // A frame that could not be read: try the next one.
        }
        setTimeout(look, 250);
      };
      look();
    } catch (error) {
      stopCamera();
      say(msg.msgCamera);
    }
  }

  if ("BarcodeDetector" in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    els.scanStart.hidden = false;
    els.scanStart.addEventListener("click", startCamera);
    els.scanStop.addEventListener("click", stopCamera);
  }

  // Start -----------------------------------------------------------------------------

  window.addEventListener("online", flush);
  window.addEventListener("offline", showQueue);
  setInterval(flush, RETRY_MS);
  showQueue();
  showPending();
  flush();
})();
