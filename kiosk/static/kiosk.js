/* The kiosk: pick a service, then say whether a priority applies, get a ticket, see it with its
   QR code. Every citizen starts in Arabic: after a ticket and after IDLE seconds untouched the
   kiosk goes back to the services, in Arabic. */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("kiosk-config").textContent);
  const S = cfg.strings;
  const $ = (id) => document.getElementById(id);
  const SCREENS = ["screen-services", "screen-group", "screen-priority", "screen-ticket"];
  let services = [];
  let center = null;
  let group = null;
  let chosen = null; // the service waiting for the priority step
  let current = null; // the ticket on the confirmation screen
  let idleTimer = null;
  let busy = false;
  let pausedUntil = 0; // a stuck button: the kiosk rests, then comes back by itself

  function show(screen) {
    for (const id of SCREENS) $(id).hidden = id !== screen;
    $("error").hidden = true;
    armIdle(screen === "screen-ticket" ? cfg.confirm_s : cfg.idle_s);
  }

  function armIdle(seconds) {
    clearTimeout(idleTimer);
    const home = !$("screen-services").hidden && D.lang === "ar";
    if (!home) idleTimer = setTimeout(reset, seconds * 1000);
  }

  function reset() {
    if (D.lang !== "ar") { location.replace("/kiosk?lang=ar"); return; } // the next citizen
    group = null; chosen = null; current = null;
    show("screen-services"); render();
  }

  function centerClosed() { return Boolean(center && !center.open && center.message); }

  function detail(s) {
    // The banner already says why in both languages when nothing can be issued.
    if (!s.available) return s.unavailable && !centerClosed() ? D.name(s.unavailable.message) : S.closed;
    if (s.group) return "";
    return D.counted(S, "people", s.waiting || 0) + " · " + D.waitText(S, s.estimated_wait_s, s.estimated_range_s);
  }

  function button(s) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "svc";
    b.disabled = !s.available || Date.now() < pausedUntil;
    b.dataset.service = s.code;
    const title = document.createElement("span");
    title.textContent = D.name(s.name);
    const small = document.createElement("small");
    small.textContent = detail(s);
    b.append(title, small);
    if (!s.available && s.unavailable && !centerClosed()) { // the reason in the other language too
      const other = document.createElement("small");
      other.className = "other-lang";
      other.dir = D.lang === "ar" ? "ltr" : "rtl";
      other.textContent = s.unavailable.message[D.lang === "ar" ? "en" : "ar"];
      b.append(other);
    }
    b.addEventListener("click", () => (s.group ? openGroup(s) : choose(s)));
    return b;
  }

  function render() {
    const closed = centerClosed();
    $("closed").hidden = !closed;
    if (closed) { $("closed-ar").textContent = center.message.ar; $("closed-en").textContent = center.message.en; }
    $("services").replaceChildren(...services.filter((s) => !s.parent).map(button));
    if (group) {
      const g = services.find((s) => s.code === group.code) || group;
      $("group-title").textContent = D.name(g.name);
      $("children").replaceChildren(...services.filter((s) => s.parent === g.code).map(button));
    }
  }

  function openGroup(s) { group = s; render(); show("screen-group"); }

  function choose(s) {
    if (!cfg.priorities.length) return issue(s, null);
    chosen = s;
    $("priority-service").textContent = D.name(s.name);
    const none = { code: "", name: { ar: S.no_priority, en: S.no_priority } };
    $("priorities").replaceChildren(...[...cfg.priorities, none].map((p) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "prio" + (p.code ? "" : " none");
      b.textContent = D.name(p.name);
      b.dataset.priority = p.code || "none";
      b.addEventListener("click", () => issue(chosen, p.code || null));
      return b;
    }));
    show("screen-priority");
  }

  function rest(seconds) {
    pausedUntil = Date.now() + seconds * 1000;
    render();
    setTimeout(() => { $("error").hidden = true; render(); }, seconds * 1000 + 50);
  }

  async function issue(s, priority) {
    if (busy) return; // one tap, one ticket
    busy = true;
    try {
      const body = { service: s.code, lang: D.lang };
      if (priority) body.priority = priority;
      // One key per tap: if the answer is lost (network, server restart) the retry gets the
      // same ticket instead of a second one.
      const key = { "Idempotency-Key": D.requestKey() };
      let r = null;
      for (let attempt = 0; attempt < 4 && !r; attempt++) {
        try {
          r = await D.api("POST", "/tickets", body, cfg.csrf, key);
        } catch (e) {
          await new Promise((ok) => setTimeout(ok, 500 * (attempt + 1)));
        }
      }
      if (!r) throw new Error("offline");
      if (r.status !== 201) {
        show("screen-services");
        $("error").textContent = D.errorText(r, S.error);
        $("error").hidden = false;
        if (r.status === 429) rest((r.data && r.data.details && r.data.details.retry_after_s) || 10);
        return;
      }
      showTicket(r.data);
    } catch (e) {
      $("error").textContent = S.error;
      $("error").hidden = false;
    } finally {
      busy = false;
    }
  }

  function showTicket(t) {
    current = t;
    $("t-number").textContent = t.number;
    $("t-service").textContent = D.name(t.service_name);
    const cat = cfg.priorities.find((p) => p.code === t.priority);
    $("t-priority").textContent = cat ? D.name(cat.name) : "";
    $("t-priority").hidden = !cat;
    $("t-ahead").textContent = D.counted(S, "ahead", t.ahead || 0);
    $("t-wait").textContent = D.waitText(S, t.estimated_wait_s, t.estimated_range_s);
    $("t-qr").src = "/t/" + encodeURIComponent(t.tracking_id) + "/qr.svg";
    $("t-take").textContent = printerDown ? S.show_reception : S.take;
    $("t-take").classList.toggle("fault", printerDown);
    $("t-print").hidden = true;
    $("reprint").hidden = true;
    show("screen-ticket");
  }

  let printerDown = false;
  function printerNews(status) {
    const banner = $("banner");
    const bad = status.ok === false || ["paper_out", "offline", "timeout", "error"].includes(status.status);
    if (bad || status.status === "paper_low") {
      banner.textContent = D.name(status.message);
      banner.hidden = false;
    } else if (status.status === "ok") {
      banner.hidden = true;
    }
    if (status.status && status.status !== "unknown") printerDown = bad;
    if (current && status.ticket && status.ticket.number === current.number && status.ok === false) {
      $("t-take").textContent = S.show_reception;
      $("t-take").classList.add("fault");
      $("t-print").textContent = D.name(status.message);
      $("t-print").hidden = false;
      $("reprint").hidden = false;
    }
  }

  $("back").addEventListener("click", reset);
  $("priority-back").addEventListener("click", () => { chosen = null; show(group ? "screen-group" : "screen-services"); });
  $("done").addEventListener("click", reset);
  $("reprint").addEventListener("click", async () => {
    if (!current) return;
    const r = await D.api("POST", "/tickets/" + encodeURIComponent(current.tracking_id) + "/print", {}, cfg.csrf);
    $("t-print").textContent = r.status === 202 ? S.reprint_sent : D.errorText(r, S.error);
    $("reprint").hidden = r.status === 202;
  });
  document.addEventListener("pointerdown", () => {
    armIdle($("screen-ticket").hidden ? cfg.idle_s : cfg.confirm_s);
  });

  D.live({}, {
    state: (state) => {
      services = state.services;
      center = state.center;
      if (state.printer) printerNews(state.printer);
      render();
    },
    queue_updated: (data) => {
      services = data.services;
      if (data.center) center = data.center;
      render();
    },
    printer_status: printerNews,
  }, (up) => {
    const banner = $("banner");
    if (!up) { banner.textContent = S.offline; banner.hidden = false; banner.dataset.offline = "1"; }
    else if (banner.dataset.offline) { banner.hidden = true; delete banner.dataset.offline; }
  });
  show("screen-services");
  document.body.dataset.ready = "1"; // the idle timer is armed from here on
})();
