/* /public: today's figures per service for an outdoor screen or a phone, kept live over
   Socket.IO (no reloads): what changes the line or a window brings the figures again, at most
   once every two seconds. */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("public-config").textContent);
  const S = cfg.strings;
  const $ = (id) => document.getElementById(id);
  const mins = (s) => (s === null || s === undefined ? S.none : S.minutes.replace("{n}", Math.ceil(s / 60)));
  const pct = (x) => (x === null || x === undefined ? S.none : Math.round(x * 100) + "%");

  function figure(label, value, cls) {
    const div = document.createElement("div");
    div.className = "figure " + (cls || "");
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.textContent = value;
    div.append(dt, dd);
    return div;
  }

  function render(data) {
    $("day").textContent = data.day;
    const inOrder = data.served_in_order_today;
    $("in-order").hidden = inOrder === null || inOrder === undefined;
    if (!$("in-order").hidden) $("in-order").textContent = S.in_order.replace("{p}", (inOrder * 100).toFixed(1) + " %");
    $("services").replaceChildren(...data.services.map((s) => {
      const li = document.createElement("li");
      li.className = "card-service" + (s.open ? "" : " closed");
      li.dataset.service = s.code;
      const h = document.createElement("h3");
      h.textContent = D.name(s.name);
      if (!s.open) {
        const small = document.createElement("span");
        small.className = "closed-note";
        small.textContent = S.closed;
        h.append(" ", small);
      }
      const dl = document.createElement("dl");
      dl.append(figure(S.waiting, String(s.waiting), "big"), figure(S.estimate, s.open ? mins(s.estimated_wait_s) : S.none),
        figure(S.served, String(s.served_today)), figure(S.median, mins(s.median_wait_today_s)),
        figure(S.within, pct(s.within_target_today)));
      li.append(h, dl);
      return li;
    }));
  }

  let last = 0;
  let pending = null;
  async function fetchNow() {
    pending = null;
    last = Date.now();
    const r = await D.api("GET", "/public");
    if (r.ok) { render(r.data); document.body.dataset.updated = String(last); }
  }
  function soon() {
    if (pending) return;
    pending = setTimeout(fetchNow, Math.max(0, 2000 - (Date.now() - last)));
  }

  render(cfg.data);
  document.body.dataset.ready = "1";
  D.live({}, {
    state: fetchNow, // (re)connected: the figures as they are now
    queue_updated: soon,
    window_updated: soon,
    ticket_called: soon,
  }, (up) => {
    $("live").textContent = up ? S.live : S.offline;
    $("live").dataset.state = up ? "live" : "offline";
  });
})();
