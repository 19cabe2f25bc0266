/* The supervisors' dashboard: all of it comes from /api/v1/dashboard, refreshed on every event. */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("dashboard-config").textContent);
  const S = cfg.strings;
  const $ = (id) => document.getElementById(id);
  const names = {};

  function cell(text, cls) {
    const td = document.createElement("td");
    td.textContent = text === null || text === undefined ? S.none : String(text);
    if (cls) td.className = cls;
    return td;
  }
  const minutes = (s) => (s === null || s === undefined ? S.none : S.minutes.replace("{n}", Math.round(s / 60)));
  const pct = (x) => (x === null || x === undefined ? S.none : Math.round(x * 100) + "%");

  function say(text) {
    const m = $("message");
    m.textContent = text;
    m.hidden = false;
    setTimeout(() => { m.hidden = true; }, 2500);
  }

  function render(d) {
    for (const s of d.services) names[s.code] = D.name(s.name);
    const quiet = [{ ok: true, message: { ar: S.no_alerts, en: S.no_alerts } }];
    $("alerts").replaceChildren(...(d.alerts.length ? d.alerts : quiet).map((a) => {
      const li = document.createElement("li");
      li.textContent = D.name(a.message);
      if (a.ok) li.className = "ok";
      return li;
    }));
    $("windows").replaceChildren(...d.windows.map((w) => {
      const tr = document.createElement("tr");
      const status = w.status === "paused" ? S.paused + (w.reason ? " — " + w.reason : "") : S.open;
      tr.append(cell(D.name(w.label)), cell(status, w.status === "paused" ? "late" : ""),
        cell(w.ticket ? w.ticket.number + " · " + (names[w.ticket.service] || "") : null),
        cell(w.ticket ? w.ticket.clerk : null));
      return tr;
    }));
    $("services").replaceChildren(...d.services.filter((s) => !s.group).map((s) => {
      const tr = document.createElement("tr");
      tr.dataset.service = s.code;
      const late = s.longest_wait_s && s.longest_wait_s > s.target_wait_min * 60;
      const td = document.createElement("td");
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = s.open ? S.close : S.reopen;
      b.addEventListener("click", async () => {
        const r = await D.api("POST", "/services/" + s.code + (s.open ? "/close" : "/open"), {}, cfg.csrf);
        say(r.ok ? S.saved : D.errorText(r, S.error));
        refresh();
      });
      td.append(b);
      tr.append(cell(D.name(s.name) + (s.open ? "" : " (" + S.closed + ")")), cell(s.waiting),
        cell(minutes(s.longest_wait_s), late ? "late" : ""), cell(minutes(s.estimated_wait_s)), td);
      return tr;
    }));
    $("today").replaceChildren(...d.today.map((r) => {
      const tr = document.createElement("tr");
      tr.append(cell(names[r.service] || r.service), cell(r.issued), cell(r.served), cell(pct(r.completion_rate)),
        cell(pct(r.no_show_rate)), cell(minutes(r.wait_median_s)), cell(pct(r.within_target)));
      return tr;
    }));
    if (document.activeElement.tagName !== "INPUT") {
      $("notice-ar").value = d.notice.ar || "";
      $("notice-en").value = d.notice.en || "";
    }
  }

  async function refresh() {
    const r = await D.api("GET", "/dashboard");
    if (r.ok) { render(r.data); document.body.dataset.ready = "1"; }
  }
  let pending = null;
  const soon = () => { clearTimeout(pending); pending = setTimeout(refresh, 150); };

  $("notice-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const r = await D.api("PUT", "/notice", { ar: $("notice-ar").value, en: $("notice-en").value }, cfg.csrf);
    say(r.ok ? S.saved : D.errorText(r, S.error));
  });

  let found = null;
  $("ticket-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const r = await D.api("GET", "/tickets/find?number=" + encodeURIComponent($("ticket-number").value.trim()));
    found = r.ok ? r.data : null;
    $("ticket-found").textContent = r.ok
      ? found.number + " · " + D.name(found.service_name) + " · " + (S["status_" + found.status] || found.status)
      : D.errorText(r, S.error);
    $("ticket-actions").hidden = !found;
  });
  for (const [id, path] of [["reprint", "/print"], ["cancel", "/cancel"]]) {
    $(id).addEventListener("click", async () => {
      if (!found) return;
      const r = await D.api("POST", "/tickets/" + encodeURIComponent(found.id) + path, {}, cfg.csrf);
      say(r.ok ? S.saved : D.errorText(r, S.error));
      refresh();
    });
  }

  D.live({}, {
    state: soon, ticket_issued: soon, ticket_called: soon, ticket_updated: soon,
    window_updated: soon, queue_updated: soon, printer_status: soon, alert_raised: soon,
  });
  refresh();
  setInterval(refresh, 30000); // waits grow even when nothing happens
})();
