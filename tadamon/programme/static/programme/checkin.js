/* Check-in page: a queue of check-ins kept on the phone, sent when the connection allows.
 *
 * Every tap on "present" (or every scanned badge) becomes an item with its own client_uuid,
 * kept (IndexedDB) and sent by tadamon/queue.js to the API's POST /sessions/{id}/attendance,
 * so that a lost connection or a closed tab loses nothing; the server records a person once
 * per session, so sending again is harmless. "On this phone" lists them with their state; a
 * refused one is searched again or discarded.
 */
(function () {
  "use strict";

  var root = document.getElementById("checkin");
  if (!root || !window.TadamonQueue || !window.TadamonQueueList) return;

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
    phone: document.getElementById("checkin-phone"),
  };

  // The queue (tadamon/queue.js) ----------------------------------------------------------

  var List = window.TadamonQueueList;

  function showQueue(items, offline) {
    var waiting = items.filter(function (item) { return item.state === "waiting"; }).length;
    els.queueCount.textContent = String(waiting);
    els.queueStatus.hidden = waiting === 0;
    els.queueOffline.hidden = !offline;
    List.render(els.phone, items, { describe: function (item) { return item.label; }, kept: kept });
    showPending();
  }

  // What the server kept: the person it recorded and, when it says so, the session's count.
  function kept(item) {
    var answer = item.answer || {};
    var text = answer.person_name ? List.fill(msg.msgCheckedIn, { name: answer.person_name }) : msg.msgPresent;
    if (typeof answer.session_present === "number") {
      text += " · " + List.fill(msg.msgSessionPresent, {
        present: List.number(answer.session_present),
        registered: List.number(typeof answer.session_registered === "number" ? answer.session_registered : msg.registered),
      });
    }
    return text;
  }

  function say(text, kind) {
    var box = document.createElement("div");
    box.className = "alert alert-" + (kind || "danger") + " py-2";
    box.textContent = text;
    els.messages.prepend(box);
    while (els.messages.children.length > 3) els.messages.lastChild.remove();
  }

  var refreshTimer = null;

  // A check-in waiting from the earlier page at another session goes to that session's
  // address (this page's, with the other session's id).
  function request(item, session) {
    var url = root.dataset.recordUrl;
    if (session && session !== SESSION) url = url.replace("/" + SESSION + "/", "/" + session + "/");
    return { url: url, body: item.body };
  }

  var queue = window.TadamonQueue.create({
    queue: "checkin." + SESSION,
    request: function (item) { return request(item); },
    legacy: {
      key: "tadamon.checkin.queue.v1",
      queue: function (old) { return "checkin." + (old.session || SESSION); },
      request: function (old) { return request(old, String(old.session || SESSION)); },
    },
    onChange: showQueue,
    onRecorded: function (item, answer) {
      var count = document.getElementById("present-count");
      if (count && typeof answer.session_present === "number") count.textContent = answer.session_present;
      // One refresh of the list after a burst of recorded check-ins, not one each.
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(refreshPresent, 100);
    },
    // Refused for good (unknown person, not allowed...): sending again would not help.
    onRefused: function (item, why) { say(msg.msgNotRecorded + " " + item.label + " — " + why); },
    // The page's own words: the API's 401 speaks of tokens to its other clients.
    onLogin: function () { say(msg.msgLogin); },
  });

  // "Correct": a refused check-in leaves the queue and its name goes back in the search, for
  // the agent to find the right person (or badge) again.
  List.wire(els.phone, queue, function (item) {
    els.query.value = item.body.code ? "" : item.label;
    els.searchForm.scrollIntoView({ block: "start" });
    els.query.focus();
    search();
  });

  function enqueue(body, label) {
    var duplicate = queue.items().some(function (item) {
      return item.state === "waiting" &&
        ((body.person && item.body.person === body.person) || (body.code && item.body.code === body.code));
    });
    if (!duplicate) {
      var clientUuid = window.TadamonQueue.newUuid();
      body.client_uuid = clientUuid;
      body.checked_in_at = new Date().toISOString();
      queue.add({ id: clientUuid, body: body, label: label });
    }
    showPending();
  }

  // The list of people present --------------------------------------------------------

  function showPending() {
    var list = document.getElementById("present-list");
    if (!list) return;
    list.querySelectorAll("li.pending").forEach(function (li) { li.remove(); });
    var pending = queue.items().filter(function (item) { return item.state === "waiting"; });
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
    button.textContent = msg.msgMark;
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
    note.dataset.offlineNote = "1";
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

  // Results found without a connection say so; once it returns, search again on the server
  // so that the notice does not outlive the outage.
  window.addEventListener("online", function () {
    if (els.candidates.querySelector("[data-offline-note]")) search();
  });

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

  queue.start();
})();
