/* The phone page of one ticket: where it stands in the line, and which window when called. */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("track-config").textContent);
  const S = cfg.strings;
  const $ = (id) => document.getElementById(id);
  let ticket = null;
  let socket = null;

  function alertCitizen() {
    try { if (navigator.vibrate) navigator.vibrate([400, 200, 400, 200, 400]); } catch (e) { /* not allowed */ }
    try {
      const ctx = new (window.AudioContext || window.webkitAudioContext)();
      [0, 0.35].forEach((at, i) => {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = i ? 660 : 880;
        gain.gain.setValueAtTime(0.3, ctx.currentTime + at);
        gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + at + 0.3);
        osc.connect(gain).connect(ctx.destination);
        osc.start(ctx.currentTime + at);
        osc.stop(ctx.currentTime + at + 0.3);
      });
    } catch (e) { /* sound needs a tap first on some phones */ }
  }

  function render() {
    if (!ticket) return;
    $("number").textContent = ticket.number;
    $("service").textContent = D.name(ticket.service_name);
    const status = $("status");
    status.className = "status " + ticket.status;
    const text = S[ticket.status] || ticket.status;
    status.textContent = text.replace("{n}", String(ticket.window || ""));
    const waiting = ticket.status === "waiting";
    $("ahead").textContent = waiting ? D.counted(S, "ahead", ticket.ahead || 0) : "";
    $("rate").hidden = !(ticket.status === "done" && !ticket.rated);
    $("wait").textContent = waiting ? D.minutesText(S, ticket.estimated_wait_s) : "";
  }

  function fromLine(line) {
    if (!ticket || ticket.status !== "waiting" || line.service !== ticket.service) return;
    const index = line.waiting.indexOf(ticket.number);
    if (index < 0) return;
    ticket.ahead = index;
    ticket.estimated_wait_s = Math.round((index + 0.5) * line.seconds_per_person);
    render();
  }

  function update(t, isCall) {
    const before = ticket;
    ticket = Object.assign({}, ticket || {}, t);
    render();
    if (isCall) alertCitizen();
    if (before && before.service !== ticket.service && socket) {
      socket.disconnect().connect(); // a transfer: listen to the new service's line
    }
  }

  let stars = 0;
  for (const b of document.querySelectorAll(".faces button")) {
    b.addEventListener("click", () => {
      stars = Number(b.dataset.stars);
      for (const x of document.querySelectorAll(".faces button")) x.setAttribute("aria-pressed", String(x === b));
      $("send-rating").disabled = false;
    });
  }
  $("send-rating").addEventListener("click", async () => {
    const body = { stars };
    const comment = $("comment").value.trim();
    if (comment) body.comment = comment;
    const r = await D.api("POST", "/tickets/" + encodeURIComponent(cfg.id) + "/rating", body);
    if (r.ok || r.status === 409) {
      ticket.rated = true;
      $("rate").hidden = true;
      $("thanks").hidden = false;
    }
  });

  socket = D.live({ ticket: cfg.id }, {
    state: (s) => { update(s.ticket, false); fromLine(s.line); },
    ticket_called: (t) => update(t, true),
    ticket_updated: (t) => update(t, false),
    line_updated: fromLine,
  }, (up) => { $("offline").hidden = up; });
})();
