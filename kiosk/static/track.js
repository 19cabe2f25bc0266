/* The phone page of one ticket: where it stands in the line, and which window when called.
   "Alert me" (one tap, which is what lets a phone make sound) turns on sound and vibration when
   3 are ahead and when called, keeps the screen awake, and the page reconnects when the phone
   wakes up. */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("track-config").textContent);
  const S = cfg.strings;
  const $ = (id) => document.getElementById(id);
  const OVER = ["done", "no_show", "transferred", "cancelled", "expired"];
  let ticket = null;
  let socket = null;
  let audio = null; // made on the tap: after that the phone may play sound
  let alertsOn = false;
  let nearTold = false;
  let wakeLock = null;

  function beep() {
    try { if (navigator.vibrate) navigator.vibrate([400, 200, 400, 200, 400]); } catch (e) { /* not allowed */ }
    try {
      const ctx = audio || new (window.AudioContext || window.webkitAudioContext)();
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
    } catch (e) { /* no sound without the tap on some phones */ }
  }

  async function keepAwake() {
    if (!alertsOn || !("wakeLock" in navigator) || document.hidden) return;
    try { wakeLock = await navigator.wakeLock.request("screen"); } catch (e) { wakeLock = null; }
    document.body.dataset.awake = wakeLock ? "1" : "0";
  }

  $("alert-me").addEventListener("click", async () => {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === "suspended") await audio.resume();
    } catch (e) { audio = null; }
    alertsOn = true;
    document.body.dataset.alerts = "on";
    try { if (navigator.vibrate) navigator.vibrate(80); } catch (e) { /* fine */ }
    await keepAwake();
    render();
  });

  function render() {
    if (!ticket) return;
    $("number").textContent = ticket.number;
    $("service").textContent = D.name(ticket.service_name);
    const status = $("status");
    status.className = "status " + ticket.status;
    const text = S[ticket.status] || ticket.status;
    status.textContent = text.replace("{n}", String(ticket.window || ""));
    const waiting = ticket.status === "waiting";
    const over = OVER.includes(ticket.status);
    $("ahead").textContent = waiting ? D.counted(S, "ahead", ticket.ahead || 0) : "";
    $("rate").hidden = !(ticket.status === "done" && !ticket.rated);
    $("wait").textContent = waiting ? D.waitText(S, ticket.estimated_wait_s, ticket.estimated_range_s) : "";
    $("alert-me").hidden = alertsOn || over;
    $("alerts-on").hidden = !alertsOn || over;
    $("alerts-on").textContent = nearTold && waiting ? S.near : S.alerts_on;
    $("hint").hidden = over;
    // A finished visit: its outcome and what the clerk said to bring or do next.
    const done = ticket.status === "done";
    $("outcome").hidden = !done || !(S["outcome_" + ticket.outcome] || ticket.next_step);
    $("outcome").dataset.outcome = ticket.outcome || "";
    $("outcome-text").textContent = done ? (S["outcome_" + ticket.outcome] || "") : "";
    $("next-step-box").hidden = !(done && ticket.next_step);
    $("next-step").textContent = (done && ticket.next_step) || ""; // "it will tell you when it is your turn" no longer holds
    if (over && wakeLock) { wakeLock.release().catch(() => {}); wakeLock = null; }
  }

  function nearNow() {
    if (alertsOn && !nearTold && ticket.status === "waiting" && ticket.ahead <= 3) {
      nearTold = true;
      beep();
    }
  }

  function fromLine(line) {
    if (!ticket || ticket.status !== "waiting" || line.service !== ticket.service) return;
    const index = line.waiting.indexOf(ticket.number);
    if (index < 0) return;
    ticket.ahead = index;
    const told = (line.estimates || [])[index];
    if (told) { // the server's estimate for this place in the line, with its range
      ticket.estimated_wait_s = told[0];
      ticket.estimated_range_s = [told[1], told[2]];
    }
    nearNow();
    render();
  }

  function update(t, isCall) {
    const before = ticket;
    ticket = Object.assign({}, ticket || {}, t);
    document.dispatchEvent(new CustomEvent("dorak:ticket", { detail: ticket })); // track_voice.js
    if (isCall && alertsOn) beep();
    if (!isCall) nearNow();
    render();
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
    const r = await D.api("POST", "/tickets/" + encodeURIComponent(cfg.tracking_id) + "/rating", body);
    if (r.ok || r.status === 409) {
      ticket.rated = true;
      $("rate").hidden = true;
      $("thanks").hidden = false;
    }
  });

  /* A phone that slept may have missed events and dropped its connection: on waking, connect
     again (the server sends the whole state first) and take the wake lock back. */
  document.addEventListener("visibilitychange", () => {
    if (document.hidden) return;
    if (socket && !socket.connected) socket.connect();
    keepAwake();
  });

  socket = D.live({ tracking_id: cfg.tracking_id }, {
    state: (s) => { update(s.ticket, false); fromLine(s.line); },
    ticket_called: (t) => update(t, true),
    ticket_updated: (t) => update(t, false),
    line_updated: fromLine,
    remark_updated: (r) => document.dispatchEvent(new CustomEvent("dorak:remark", { detail: r })),
  }, (up) => { $("offline").hidden = up; });
})();
