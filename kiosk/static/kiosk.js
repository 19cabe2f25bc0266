/* The kiosk: pick a service (and a priority), get a ticket, see it with its QR code. */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("kiosk-config").textContent);
  const S = cfg.strings;
  const $ = (id) => document.getElementById(id);
  let services = [];
  let priority = null;
  let group = null;
  let current = null; // the ticket on the confirmation screen
  let idleTimer = null;
  let busy = false;

  function show(screen) {
    for (const id of ["screen-services", "screen-group", "screen-ticket"]) $(id).hidden = id !== screen;
    $("error").hidden = true;
    armIdle(screen === "screen-ticket" ? cfg.confirm_s : cfg.idle_s, screen !== "screen-services" || priority);
  }

  function armIdle(seconds, active) {
    clearTimeout(idleTimer);
    if (active) idleTimer = setTimeout(reset, seconds * 1000);
  }

  function reset() {
    priority = null; group = null; current = null;
    renderPriorities(); show("screen-services"); render();
  }

  function detail(s) {
    if (!s.available) return S.closed;
    if (s.group) return "";
    return D.counted(S, "people", s.waiting || 0) + " · " + D.minutesText(S, s.estimated_wait_s);
  }

  function button(s) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "svc";
    b.disabled = !s.available;
    b.dataset.service = s.code;
    const title = document.createElement("span");
    title.textContent = D.name(s.name);
    const small = document.createElement("small");
    small.textContent = detail(s);
    b.append(title, small);
    b.addEventListener("click", () => (s.group ? openGroup(s) : issue(s)));
    return b;
  }

  function render() {
    $("services").replaceChildren(...services.filter((s) => !s.parent).map(button));
    if (group) {
      const g = services.find((s) => s.code === group.code) || group;
      $("group-title").textContent = D.name(g.name);
      $("children").replaceChildren(...services.filter((s) => s.parent === g.code).map(button));
    }
  }

  function renderPriorities() {
    $("priorities").replaceChildren(...cfg.priorities.map((p) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = D.name(p.name);
      b.dataset.priority = p.code;
      b.setAttribute("aria-pressed", String(priority === p.code));
      b.addEventListener("click", () => {
        priority = priority === p.code ? null : p.code;
        renderPriorities();
        armIdle(cfg.idle_s, true);
      });
      return b;
    }));
  }

  function openGroup(s) { group = s; render(); show("screen-group"); }

  async function issue(s) {
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
        $("error").textContent = D.errorText(r, S.error);
        $("error").hidden = false;
        armIdle(cfg.idle_s, true);
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
    $("t-wait").textContent = D.minutesText(S, t.estimated_wait_s);
    $("t-qr").src = "/t/" + encodeURIComponent(t.id) + "/qr.svg";
    $("t-print").hidden = true;
    $("reprint").hidden = true;
    show("screen-ticket");
  }

  function printerNews(status) {
    const banner = $("banner");
    if (status.ok === false || ["paper_low", "paper_out", "offline", "timeout", "error"].includes(status.status)) {
      banner.textContent = D.name(status.message);
      banner.hidden = false;
    } else if (status.status === "ok") {
      banner.hidden = true;
    }
    if (current && status.ticket && status.ticket.number === current.number && status.ok === false) {
      $("t-print").textContent = D.name(status.message);
      $("t-print").hidden = false;
      $("reprint").hidden = false;
    }
  }

  $("back").addEventListener("click", reset);
  $("done").addEventListener("click", reset);
  $("reprint").addEventListener("click", async () => {
    if (!current) return;
    const r = await D.api("POST", "/tickets/" + encodeURIComponent(current.id) + "/print", {}, cfg.csrf);
    $("t-print").textContent = r.status === 202 ? S.reprint_sent : D.errorText(r, S.error);
    $("reprint").hidden = r.status === 202;
  });
  document.addEventListener("pointerdown", () => {
    if (!$("screen-services").hidden && !priority) return;
    armIdle($("screen-ticket").hidden ? cfg.idle_s : cfg.confirm_s, true);
  });

  D.live({}, {
    state: (state) => {
      services = state.services;
      if (state.printer) printerNews(state.printer);
      render();
    },
    queue_updated: (data) => { services = data.services; render(); },
    printer_status: printerNews,
  }, (up) => {
    const banner = $("banner");
    if (!up) { banner.textContent = S.offline; banner.hidden = false; banner.dataset.offline = "1"; }
    else if (banner.dataset.offline) { banner.hidden = true; delete banner.dataset.offline; }
  });
  renderPriorities();
  show("screen-services");
})();
