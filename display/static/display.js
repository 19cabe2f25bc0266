/* The lobby screen: which number goes to which window, the latest calls, a chime and the call
   spoken in Arabic then English, one after the other, never over each other. */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("display-config").textContent);
  const S = cfg.strings;
  const $ = (id) => document.getElementById(id);
  let windows = [];
  let calls = [];
  let services = [];
  const freshUntil = new Map(); // "number@window" -> time the highlight ends
  const audioQueue = [];
  const announcer = $("announcer");
  let speaking = false;

  function label(w) { return D.name(w.label) || S.window.replace("{n}", w.number); }

  function renderWindows() {
    const now = Date.now();
    $("windows").replaceChildren(...windows.map((w) => {
      const cell = document.createElement("div");
      cell.className = "win";
      cell.dataset.window = w.number;
      const name = document.createElement("span");
      name.className = "label";
      name.textContent = label(w);
      const num = document.createElement("span");
      num.className = "num";
      if (w.status === "paused") {
        cell.classList.add("paused");
        num.textContent = S.closed + (w.reason ? " — " + w.reason : "");
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
    $("calls").replaceChildren(...calls.slice(0, cfg.recent).map((c) => {
      const li = document.createElement("li");
      if ((freshUntil.get(c.number + "@" + c.window) || 0) > now) li.classList.add("fresh");
      const n = document.createElement("span");
      n.className = "n";
      n.textContent = c.number;
      const w = document.createElement("span");
      w.className = "w";
      w.textContent = S.window.replace("{n}", c.window);
      li.append(n, w);
      return li;
    }));
  }

  function renderWaiting() {
    $("waiting").replaceChildren(...services.filter((s) => !s.group).map((s) => {
      const span = document.createElement("span");
      const b = document.createElement("b");
      b.textContent = String(s.waiting || 0);
      span.append(D.name(s.name) + ": ", b, " " + S.waiting);
      return span;
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

  function flash(c) {
    const el = $("flash");
    el.textContent = S.go_to.replace("{t}", c.number).replace("{n}", c.window);
    el.hidden = false;
    clearTimeout(flash.timer);
    flash.timer = setTimeout(() => { el.hidden = true; }, 6000);
  }

  function playNext() {
    if (speaking || !audioQueue.length) return;
    speaking = true;
    announcer.src = audioQueue.shift();
    announcer.dataset.playing = "1";
    announcer.play().catch(() => {
      $("sound").hidden = false; // the browser wants a tap before it plays sound
      done();
    });
  }

  function done() {
    speaking = false;
    delete announcer.dataset.playing;
    playNext();
  }

  announcer.addEventListener("ended", done);
  announcer.addEventListener("error", done);
  $("sound").addEventListener("click", () => { $("sound").hidden = true; announcer.play().catch(() => {}); });

  function onCall(c) {
    const key = c.number + "@" + c.window;
    freshUntil.set(key, Date.now() + cfg.highlight_s * 1000);
    calls = [c, ...calls.filter((x) => !(x.number === c.number && x.window === c.window))];
    const w = windows.find((x) => x.number === c.window);
    if (w) w.ticket = { number: c.number, service: c.service, status: c.status };
    renderWindows();
    renderCalls();
    flash(c);
    if (cfg.voice) {
      audioQueue.push("/display/announce/" + encodeURIComponent(c.number) + "/" + c.window + ".wav");
      playNext();
    }
    setTimeout(() => { renderWindows(); renderCalls(); }, cfg.highlight_s * 1000 + 50);
  }

  D.live({}, {
    state: (s) => {
      windows = s.windows;
      calls = s.recent_calls;
      services = s.services;
      renderWindows(); renderCalls(); renderWaiting(); renderNotice(s.notice);
    },
    ticket_called: onCall,
    window_updated: (w) => {
      windows = windows.map((x) => (x.number === w.number ? w : x));
      renderWindows();
    },
    queue_updated: (q) => { services = q.services; renderWaiting(); },
    notice_updated: renderNotice,
    display_settings_updated: (s) => { cfg.voice = s.voice; cfg.recent = s.recent; renderCalls(); },
  }, (up) => { $("offline").hidden = up; });
  tick();
  setInterval(tick, 1000);
})();
