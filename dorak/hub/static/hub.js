// The hub's pages: fetch the figures, then follow them live over Socket.IO.
(function () {
  "use strict";
  const body = document.body;
  const t = JSON.parse(body.dataset.texts);
  const lang = body.dataset.lang;
  const page = body.dataset.page;
  const digits = lang === "ar" ? "ar-EG" : "en-GB";
  const num = (v) => (v === null || v === undefined ? t.none : Number(v).toLocaleString(digits));
  const pct = (v) => (v === null || v === undefined ? t.none : Math.round(v * 100).toLocaleString(digits) + "٪".replace("٪", lang === "ar" ? "٪" : "%"));
  // Minutes rounded up, as the center's own pages round them (a 20 s median reads "1 min" in both).
  const mins = (s) => (s === null || s === undefined ? t.none : Math.ceil(s / 60).toLocaleString(digits) + " " + t.min);
  const clock = (epoch) => new Date(epoch * 1000).toLocaleTimeString(digits, { hour: "2-digit", minute: "2-digit" });
  const name = (n) => (n ? n[lang] || n.ar : "");
  const cell = (tr, text, cls) => { const td = tr.insertCell(); td.textContent = text; if (cls) td.className = cls; return td; };
  const status = (c) => (c.status === "live" ? t.live : c.last_seen ? t.cut + " " + clock(c.last_seen) : t.never);
  const get = (url) => fetch(url, { credentials: "same-origin" }).then((r) => (r.ok ? r.json() : Promise.reject(r.status)));

  function dashboard() {
    const rows = new Map();
    let sortKey = "name", dir = 1;
    const tbody = document.querySelector("#centers tbody");
    const value = (c, k) => (k === "name" ? name(c.name) : k === "alerts" ? c.alerts.length : c[k] ?? -1);
    function render() {
      const list = [...rows.values()].sort((a, b) => {
        const x = value(a, sortKey), y = value(b, sortKey);
        return (x < y ? -1 : x > y ? 1 : 0) * dir;
      });
      tbody.replaceChildren();
      for (const c of list) {
        const tr = tbody.insertRow();
        tr.dataset.code = c.code;
        const a = document.createElement("a");
        a.href = "/hub/centers/" + encodeURIComponent(c.code);
        a.textContent = name(c.name);
        tr.insertCell().append(a);
        cell(tr, status(c), "status " + c.status);
        cell(tr, num(c.waiting), "num");
        cell(tr, num(c.staffed_windows) + (c.windows ? " / " + num(c.windows) : ""), "num");
        cell(tr, mins(c.wait_median_s), "num");
        cell(tr, pct(c.within_target), "num");
        const done = cell(tr, pct(c.completion_rate), "num");
        const busiest = [...c.services].sort((x, y) => (y.issued || 0) - (x.issued || 0)).slice(0, 2);
        for (const s of busiest) { // the heaviest file types, each with its own rate
          const small = document.createElement("small");
          small.className = "per-service";
          small.textContent = name(s.name) + " " + pct(s.completion_rate);
          done.append(small);
        }
        cell(tr, c.rating_mean === null ? t.none : num(c.rating_mean) + " ★", "num");
        cell(tr, c.alerts.length ? num(c.alerts.length) : t.none, c.alerts.length ? "num alert-count" : "num");
      }
      for (const th of document.querySelectorAll("#centers th")) {
        th.setAttribute("aria-sort", th.dataset.key === sortKey ? (dir > 0 ? "ascending" : "descending") : "none");
      }
    }
    for (const th of document.querySelectorAll("#centers th[data-key]")) {
      th.addEventListener("click", () => {
        dir = sortKey === th.dataset.key ? -dir : 1;
        sortKey = th.dataset.key;
        render();
      });
    }
    const load = () => get("/hub/api/v1/centers").then((list) => { rows.clear(); for (const c of list) rows.set(c.code, c); render(); });
    const socket = io({ transports: ["websocket"] });
    socket.on("connect", load);
    socket.on("center_changed", (c) => { rows.set(c.code, c); render(); });
    setInterval(render, 30000); // "live" turns to "last seen" without news
  }

  function center() {
    const code = body.dataset.code;
    function render(c) {
      document.getElementById("center-name").textContent = name(c.name);
      const st = document.getElementById("center-status");
      st.textContent = status(c);
      st.className = "status " + c.status;
      const cards = document.getElementById("figures");
      cards.replaceChildren();
      for (const [k, v] of [["waiting", num(c.waiting)], ["staffed", num(c.staffed_windows)], ["issued", num(c.issued)],
        ["served", num(c.served)], ["median_wait", mins(c.wait_median_s)], ["within_target", pct(c.within_target)],
        ["completion", pct(c.completion_rate)], ["rating", c.rating_mean === null ? t.none : num(c.rating_mean) + " ★"]]) {
        const d = document.createElement("div");
        d.className = "card";
        d.innerHTML = '<div class="v"></div><div class="k"></div>';
        d.querySelector(".v").textContent = v;
        d.querySelector(".k").textContent = t[k];
        cards.append(d);
      }
      const tbody = document.querySelector("#services tbody");
      tbody.replaceChildren();
      for (const s of c.services) {
        const tr = tbody.insertRow();
        cell(tr, name(s.name));
        cell(tr, num(s.issued), "num");
        cell(tr, pct(s.completion_rate), "num");
        cell(tr, mins(s.wait_median_s), "num");
        cell(tr, pct(s.within_target), "num");
        cell(tr, num((c.waiting_per_service || {})[s.service] || 0), "num");
      }
      const calls = document.getElementById("calls");
      calls.replaceChildren();
      for (const call of ((c.live || {}).calls || [])) {
        const li = document.createElement("li");
        li.textContent = call.number;
        const small = document.createElement("small");
        small.textContent = t.window + " " + num(call.window);
        li.append(small);
        calls.append(li);
      }
      const alerts = document.getElementById("alerts");
      alerts.replaceChildren();
      for (const a of c.alerts) {
        const li = document.createElement("li");
        li.textContent = a.message ? a.message[lang] || a.message.ar : a.kind;
        alerts.append(li);
      }
    }
    const load = () => get("/hub/api/v1/centers/" + encodeURIComponent(code)).then(render);
    const socket = io({ transports: ["websocket"] });
    socket.on("connect", load);
    socket.on("center_changed", (c) => { if (c.code === code) load(); });
  }

  function waits() {
    const box = document.getElementById("waits");
    const all = new Map();
    function render() {
      box.replaceChildren();
      for (const c of all.values()) {
        const art = document.createElement("article");
        const h = document.createElement("h2");
        h.textContent = name(c.name);
        art.append(h);
        if (c.status !== "live") {
          const p = document.createElement("p");
          p.className = "status cut";
          p.textContent = t.closed_now;
          art.append(p);
        } else {
          const table = document.createElement("table");
          const head = table.insertRow();
          for (const k of ["service", "waiting", "next_wait"]) cell(head, t[k]);
          for (const s of c.services) {
            const tr = table.insertRow();
            cell(tr, name(s.name));
            cell(tr, num(s.waiting), "num");
            cell(tr, mins(s.next_wait_s), "num");
          }
          art.append(table);
        }
        box.append(art);
      }
    }
    const load = () => get("/hub/api/v1/public/waits").then((list) => { all.clear(); for (const c of list) all.set(c.code, c); render(); });
    const socket = io({ transports: ["websocket"], auth: { public: true } });
    socket.on("connect", load);
    socket.on("waits_changed", (c) => { all.set(c.code, c); render(); });
  }

  ({ dashboard, center, waits })[page]?.();
})();
