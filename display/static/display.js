/* The lobby screen: which number goes to which window, the latest calls, the waiting counts, and
   the calls spoken: a chime the moment the lobby was quiet, then every call waiting to be said in
   one announcement; calls that come while one is said follow in the next, without a chime. */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("display-config").textContent);
  const S = cfg.strings;
  const $ = (id) => document.getElementById(id);
  let windows = [];
  let calls = [];
  let services = [];
  let socket = null;
  const freshUntil = new Map(); // "number@window" -> time the highlight ends
  const pending = []; // calls still to be said
  const chime = $("chime");
  const announcer = $("announcer");
  let speaking = false;
  let soundOk = null;

  function label(w) { return D.name(w.label) || S.window.replace("{n}", w.number); }

  function layout() { // 10 windows: 5 x 2; 12: 4 x 3; 16: 4 x 4 (smaller, never overlapping)
    const n = Math.max(1, windows.length);
    const rows = n <= 10 ? Math.min(2, n) : Math.ceil(n / 4);
    $("windows").style.setProperty("--cols", String(Math.ceil(n / rows)));
    $("windows").style.setProperty("--rows", String(rows));
  }

  function renderWindows() {
    const now = Date.now();
    layout();
    $("windows").replaceChildren(...windows.map((w) => {
      const cell = document.createElement("div");
      cell.className = "win";
      cell.dataset.window = w.number;
      const name = document.createElement("span");
      name.className = "label";
      name.textContent = label(w);
      const num = document.createElement("span");
      num.className = "num";
      if (w.status === "paused" || w.status === "unstaffed") {
        cell.classList.add(w.status);
        num.textContent = S.closed + (w.status === "paused" && w.reason ? " — " + w.reason : "");
      } else {
        num.textContent = w.ticket ? w.ticket.number : S.idle;
        if (w.ticket && (freshUntil.get(w.ticket.number + "@" + w.number) || 0) > now) cell.classList.add("fresh");
      }
      cell.append(name, num);
      return cell;
    }));
  }

  function renderCalls() {
    const now = Date.now();
    // The strip holds four at this size: the newest first.
    $("calls").replaceChildren(...calls.slice(0, Math.min(cfg.recent, 4)).map((c) => {
      const li = document.createElement("li");
      if ((freshUntil.get(c.number + "@" + c.window) || 0) > now) li.classList.add("fresh");
      const n = document.createElement("span");
      n.className = "n";
      n.textContent = c.number;
      const w = document.createElement("span");
      w.className = "w";
      w.textContent = (D.lang === "ar" ? "← " : "→ ") + S.window.replace("{n}", c.window);
      li.append(n, w);
      return li;
    }));
  }

  function renderWaiting() {
    $("waiting").replaceChildren(...services.filter((s) => !s.group).map((s) => {
      const tile = document.createElement("div");
      tile.className = "svc";
      tile.dataset.service = s.code;
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = D.name(s.name);
      const count = document.createElement("b");
      count.className = "count";
      count.textContent = String(s.waiting || 0);
      tile.append(name, count);
      return tile;
    }));
  }

  function renderNotice(notice) {
    $("notice").textContent = notice ? D.name(notice) : "";
  }

  function tick() {
    const now = new Date();
    const locale = D.lang === "ar" ? "ar-EG-u-nu-latn" : "en-GB";
    const timeZone = cfg.timezone; // the center's clock, whatever the TV is set to
    $("time").textContent = now.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit", timeZone });
    $("date").textContent = now.toLocaleDateString(locale,
      { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone });
  }

  /* Sound. A TV started by the launcher may play at once; a browser that refuses says so to the
     server, which tells the supervisors which screen is silent. */
  function soundState(ok) {
    if (ok === soundOk) return;
    soundOk = ok;
    document.body.dataset.sound = ok ? "ok" : "blocked";
    $("sound").hidden = ok;
    if (socket) socket.emit("display_sound", { ok, screen: cfg.screen });
  }

  async function play(audio) {
    try { await audio.play(); soundState(true); return true; } catch (e) { soundState(false); return false; }
  }

  /* The first language of every waiting call comes first; a second language is said only while
     no call waits for its first, and not for a call shown more than STALE_S ago: English never
     keeps an Arabic call waiting. */
  const STALE_S = 20;
  const later = []; // {call, lang, shown}: the other languages, when the lobby has time

  function url(batch, lang) {
    const parts = batch.map((c) => encodeURIComponent(c.number) + "-" + c.window).join(",");
    return "/display/announce/" + parts + ".wav?chime=0&lang=" + lang;
  }

  function say() {
    let batch, lang;
    if (pending.length) {
      batch = pending.splice(0, 12);
      lang = cfg.langs[0];
    } else {
      const now = Date.now();
      while (later.length && now - later[0].shown > STALE_S * 1000) later.shift();
      if (!later.length) { speaking = false; delete announcer.dataset.playing; return; }
      lang = later[0].lang;
      batch = [];
      for (let i = 0; i < later.length && batch.length < 12;) {
        if (later[i].lang === lang) batch.push(later.splice(i, 1)[0].call); else i++;
      }
    }
    announcer.src = url(batch, lang);
    announcer.dataset.playing = "1";
    announcer.dataset.calls = String(batch.length);
    play(announcer).then((ok) => { if (!ok) say(); });
  }

  function speak(c) {
    pending.push(c);
    for (const lang of cfg.langs.slice(1)) later.push({ call: c, lang, shown: Date.now() });
    if (speaking) return; // said in the next announcement, merged with any others
    speaking = true;
    chime.currentTime = 0;
    play(chime).then((ok) => { if (!ok) say(); }); // the words follow the chime; calls arriving meanwhile join them
  }

  chime.addEventListener("ended", say);
  announcer.addEventListener("ended", say);
  announcer.addEventListener("error", say);
  $("sound").addEventListener("click", () => { play($("chime")); });

  /* One message per call: the window's new number, and the new count of its line. */
  function onCall(c) {
    for (const [code, n] of Object.entries(c.waiting || {})) {
      const s = services.find((x) => x.code === code);
      if (s) s.waiting = n;
    }
    if (c.waiting) renderWaiting();
    const key = c.number + "@" + c.window;
    freshUntil.set(key, Date.now() + cfg.highlight_s * 1000);
    calls = [c, ...calls.filter((x) => !(x.number === c.number && x.window === c.window))];
    const w = windows.find((x) => x.number === c.window);
    if (w) w.ticket = { number: c.number, service: c.service, status: c.status };
    renderWindows();
    renderCalls();
    if (cfg.voice) speak(c); // a recall is said again
    setTimeout(() => { renderWindows(); renderCalls(); }, cfg.highlight_s * 1000 + 50);
  }

  socket = D.live({ screen: cfg.screen }, {
    state: (s) => {
      windows = s.windows;
      calls = s.recent_calls;
      services = s.services;
      renderWindows(); renderCalls(); renderWaiting(); renderNotice(s.notice);
      if (soundOk !== null) socket.emit("display_sound", { ok: soundOk, screen: cfg.screen });
    },
    ticket_called: onCall,
    window_updated: (w) => {
      windows = windows.map((x) => (x.number === w.number ? w : x));
      renderWindows();
    },
    queue_updated: (q) => { services = q.services; renderWaiting(); },
    notice_updated: renderNotice,
    display_settings_updated: (s) => {
      cfg.voice = s.voice; cfg.recent = s.recent; if (s.langs) cfg.langs = s.langs; renderCalls();
    },
  }, (up) => { $("offline").hidden = up; });
  if (cfg.voice) { const probe = new Audio("/display/silence.wav"); play(probe); }
  tick();
  setInterval(tick, 1000);
})();
