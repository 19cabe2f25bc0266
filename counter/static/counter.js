/* The clerk's window: buttons and keyboard shortcuts over the window API, kept live by the
   payloads the server pushes (the whole window is fetched once, and again after a reconnect). */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("counter-config").textContent);
  const S = cfg.strings;
  const $ = (id) => document.getElementById(id);
  const base = "/windows/" + cfg.window + "/";
  let detail = null;
  let busy = false;
  let shownTicket = null;
  let lastNoShow = null; // the newest no-show this window may still put back in line

  function say(text, isError) {
    const m = $("message");
    m.textContent = text;
    m.className = "message" + (isError ? " error" : "");
    m.hidden = false;
    clearTimeout(say.timer);
    say.timer = setTimeout(() => { m.hidden = true; }, isError ? 8000 : 3000);
  }

  function serviceName(code) {
    const s = cfg.services.find((x) => x.code === code);
    return s ? D.name(s.name) : code;
  }

  function render() {
    if (!detail) return;
    const t = detail.ticket;
    const paused = detail.status === "paused";
    const pill = $("window-status");
    pill.textContent = paused ? S.paused + (detail.reason ? " — " + detail.reason : "")
      : detail.status === "unstaffed" ? S.unstaffed : S.open;
    pill.className = "pill" + (detail.status === "open" ? "" : " paused");
    pill.dataset.status = detail.status;
    $("t-number").textContent = t ? t.number : "—";
    $("t-service").textContent = t ? serviceName(t.service) : S.no_ticket.replace("{key}", cfg.keys.KeyN);
    let meta = "";
    if (t) {
      const waited = t.called_at && t.issued_at
        ? Math.round((Date.parse(t.called_at) - Date.parse(t.issued_at)) / 60000) : 0;
      meta = (S["status_" + t.status] || t.status) + " · " + S.waited.replace("{n}", waited);
      if (t.priority) meta += " · " + (D.name(cfg.priorities[t.priority]) || S.priority);
    }
    $("t-meta").textContent = meta;
    if ((t && t.tracking_id) !== shownTicket) { // a new ticket: its own note and file reference
      shownTicket = t && t.tracking_id;
      $("note").value = (t && t.note) || "";
      $("file-ref").value = (t && t.file_ref) || "";
      document.dispatchEvent(new CustomEvent("dorak:ticket", { detail: t })); // case_file.js
    }
    const status = t ? t.status : null;
    const allowed = {
      "call-next": !t && !paused, "call": !t && !paused,
      "recall": status === "called", "start": status === "called",
      "no-show": status === "called", "return": status === "called",
      "finish": status === "serving", "transfer": status === "serving",
      "pause": !t && !paused, "resume": paused, "restore": !!lastNoShow,
    };
    for (const b of document.querySelectorAll("button.act")) b.disabled = busy || !allowed[b.dataset.action];
    $("waiting").replaceChildren(...Object.entries(detail.waiting || {}).map(([code, n]) => {
      const li = document.createElement("li");
      li.textContent = serviceName(code) + ": " + n;
      return li;
    }));
    const next = detail.next || [];
    if (!next.length) {
      const li = document.createElement("li");
      li.textContent = S.nobody;
      $("next").replaceChildren(li);
    } else {
      $("next").replaceChildren(...next.map((x) => {
        const li = document.createElement("li");
        const n = document.createElement("span");
        n.className = "n";
        n.textContent = x.number;
        const cat = x.priority ? " · " + (D.name(cfg.priorities[x.priority]) || S.priority) : "";
        li.append(n, " " + serviceName(x.service) + cat);
        return li;
      }));
    }
    const today = detail.today || {};
    let text = S.served_today.replace("{n}", today.served || 0);
    if (today.mean_service_s) text += " · " + S.mean_service.replace("{n}", Math.round(today.mean_service_s / 60));
    $("today").textContent = text;
  }

  /* Pushed news counts up; an answer read before the latest news is older than what the page
     shows, so it is fetched again rather than put over it (a tab opened just as a call came). */
  let news = 0;
  const heard = () => { news += 1; document.body.dataset.news = String(news); };

  async function refresh(tries = 3) {
    const seen = news;
    const r = await D.api("GET", base.slice(0, -1));
    if (!r.ok) return;
    if (news !== seen && tries > 1) return refresh(tries - 1);
    detail = r.data; render(); document.body.dataset.ready = "1";
    noShows();
  }

  async function restore(t) {
    const res = await D.api("POST", "/tickets/" + encodeURIComponent(t.tracking_id) + "/restore", {}, cfg.csrf);
    say(res.ok ? S.restored.replace("{n}", t.number) : D.errorText(res, S.error), !res.ok);
    return noShows();
  }

  /* No-shows this clerk may still put back in line (a supervisor: everyone's), newest first.
     The newest marked at this window is offered in the call panel too, with its own key. */
  async function noShows() {
    const r = await D.api("GET", "/no-shows");
    if (!r.ok) return;
    lastNoShow = r.data.tickets.find((t) => t.window === cfg.window) || null;
    $("undo").hidden = !lastNoShow;
    if (lastNoShow) {
      $("undo-text").textContent = S.marked_no_show.replace("{n}", lastNoShow.number);
      document.querySelector("button.act[data-action=restore]").dataset.restore = lastNoShow.number;
    }
    render();
    $("no-shows").replaceChildren(...r.data.tickets.map((t) => {
      const li = document.createElement("li");
      const n = document.createElement("span");
      n.className = "n";
      n.textContent = t.number;
      const b = document.createElement("button");
      b.type = "button";
      b.className = "btn secondary small";
      b.textContent = S.restore;
      b.dataset.restore = t.number;
      b.addEventListener("click", () => { b.disabled = true; restore(t); });
      li.append(n, " " + serviceName(t.service) + " ", b);
      return li;
    }));
  }

  const AT_WINDOW = ["called", "serving"];

  /* A ticket this window holds now, or one that just left it. */
  function ticketNews(t) {
    heard();
    if (!detail) return;
    const mine = detail.ticket && detail.ticket.tracking_id === t.tracking_id;
    if (t.window === cfg.window && AT_WINDOW.includes(t.status)) detail.ticket = t;
    else if (mine) detail.ticket = null;
    else return;
    render();
  }

  /* The window as the server has it: status, its ticket, who comes next, the lines. */
  function windowNews(w) {
    heard();
    if (!detail || w.number !== cfg.window) return;
    Object.assign(detail, w);
    render();
  }

  function queueNews(q) {
    heard();
    if (!detail) return;
    const waiting = {};
    for (const s of q.services) if (cfg.serves.includes(s.code)) waiting[s.code] = s.waiting;
    detail.waiting = waiting;
    render();
  }

  async function act(action, body) {
    if (busy) return; // a double press sends one request
    busy = true;
    render();
    try {
      const r = await D.api("POST", base + action, body || {}, cfg.csrf);
      if (r.status === 204) say(S.nobody, false);
      else if (r.status === 409 && r.data && r.data.error === "reason_needed" && D.askReason) {
        busy = false; // older tickets wait: ask why (integrity.js), then call with the reason
        const reason = await D.askReason(r.data);
        if (reason) await act(action, Object.assign({}, body, { reason }));
      } else if (!r.ok) say(D.errorText(r, S.error), true);
      else {
        say(S.saved, false);
        // The answer is the ticket (or the window) now; the socket brings the rest.
        if (r.data && r.data.tracking_id) ticketNews(r.data);
        if (action === "no-show") noShows();
        else if (r.data && r.data.number === cfg.window) windowNews(r.data);
      }
    } catch (e) {
      say(S.error, true);
    } finally {
      busy = false;
      render();
    }
  }

  function ask(dialogId) {
    return new Promise((resolve) => {
      const dialog = $(dialogId);
      dialog.addEventListener("close", () => resolve(dialog.returnValue), { once: true });
      dialog.returnValue = "";
      dialog.showModal();
    });
  }

  async function run(action) {
    const button = document.querySelector('button.act[data-action="' + action + '"]');
    if (!button || button.disabled) return;
    if (action === "finish") {
      const outcome = await ask("d-finish");
      if (!outcome) return;
      const body = { outcome };
      if ($("note").value.trim()) body.note = $("note").value.trim();
      if ($("file-ref").value.trim()) body.file_ref = $("file-ref").value.trim();
      if (D.caseFileFinish) Object.assign(body, D.caseFileFinish());
      return act("finish", body);
    }
    if (action === "transfer") {
      if ((await ask("d-transfer")) !== "ok") return;
      const body = { service: $("transfer-service").value };
      const note = $("transfer-note").value.trim() || $("note").value.trim();
      if (note) body.note = note;
      $("transfer-note").value = "";
      return act("transfer", body);
    }
    if (action === "call") {
      $("call-number").value = "";
      if ((await ask("d-call")) !== "ok") return;
      const ticket = $("call-number").value.trim();
      if (ticket) return act("call", { ticket });
      return;
    }
    if (action === "pause") {
      const reason = await ask("d-pause");
      if (reason) return act("pause", { reason });
      return;
    }
    if (action === "restore") {
      if (busy || !lastNoShow) return;
      busy = true;
      render();
      try { await restore(lastNoShow); } catch (e) { say(S.error, true); }
      finally { busy = false; render(); }
      return;
    }
    return act(action);
  }

  for (const b of document.querySelectorAll("button.act")) b.addEventListener("click", () => run(b.dataset.action));

  /* Shortcuts by the key pressed, not the character it types: on an Arabic layout the N key
     types "ى" and still calls the next ticket. */
  const keys = {};
  for (const b of document.querySelectorAll("button.act")) keys[b.dataset.code] = b.dataset.action;
  const digitOf = (e) => { const m = /^(?:Digit|Numpad)([0-9])$/.exec(e.code); return m ? Number(m[1]) : NaN; };
  document.addEventListener("keydown", (e) => {
    const open = document.querySelector("dialog[open]");
    if (open) {
      const digit = digitOf(e);
      const choices = open.querySelectorAll("button[value]:not([value=''])");
      if (digit >= 1 && digit <= choices.length && !["INPUT", "TEXTAREA", "SELECT"].includes(e.target.tagName)) {
        e.preventDefault();
        open.close(choices[digit - 1].value);
      }
      return;
    }
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    if (["INPUT", "TEXTAREA", "SELECT"].includes(e.target.tagName)) return;
    const action = keys[e.code];
    if (action) { e.preventDefault(); run(action); }
  });

  /* This page keeps the window staffed: a heartbeat now and every 30 s. Closed, asleep or
     offline for longer than the server's timeout, the window closes by itself. */
  async function heartbeat() {
    try {
      const seen = news;
      const r = await D.api("POST", base + "presence", {}, cfg.csrf);
      if (r.ok && news === seen) { detail = Object.assign(detail || {}, { status: r.data.status }); render(); }
    } catch (e) { /* offline: the next beat tries again */ }
  }
  heartbeat();
  setInterval(() => { heartbeat(); noShows(); }, cfg.heartbeat_s * 1000);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) heartbeat(); });

  D.live({ window: cfg.window }, {
    state: () => { heartbeat(); refresh(); }, // (re)connected: the whole window once
    ticket_called: ticketNews,
    ticket_updated: ticketNews,
    window_updated: windowNews,
    queue_updated: queueNews,
  }, (up) => { if (!up) say(S.offline, true); });
  refresh();
})();
