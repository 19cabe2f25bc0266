/* The supervisors' dashboard: loaded from /api/v1/dashboard, then kept live by the payloads of
   the events (windows, services, alerts, the notice); the day's figures and charts are read
   again every 30 s. */
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

  let data = null;

  function render(d) {
    data = d;
    for (const s of d.services) names[s.code] = D.name(s.name);
    const select = $("issue-service");
    if (!select.options.length) {
      select.replaceChildren(...d.services.filter((s) => !s.group).map((s) => {
        const o = document.createElement("option");
        o.value = s.code;
        o.textContent = D.name(s.name);
        return o;
      }));
    }
    renderAlerts(d.alerts);
    renderWindows(d.windows);
    renderServices(d.services);
    $("today").replaceChildren(...d.today.map((r) => {
      const tr = document.createElement("tr");
      tr.append(cell(names[r.service] || r.service), cell(r.issued), cell(r.served), cell(pct(r.completion_rate)),
        cell(pct(r.no_show_rate)), cell(minutes(r.wait_median_s)), cell(pct(r.within_target)));
      return tr;
    }));
    window.DorakCharts.draw(d.charts, names);
    renderNotice(d.notice);
  }

  function renderAlerts(alerts) {
    const quiet = [{ ok: true, message: { ar: S.no_alerts, en: S.no_alerts } }];
    $("alerts").replaceChildren(...(alerts.length ? alerts : quiet).map((a) => {
      const li = document.createElement("li");
      li.textContent = D.name(a.message);
      if (a.ok) li.className = "ok";
      return li;
    }));
  }

  function renderNotice(notice) {
    if (document.activeElement.tagName !== "INPUT") {
      $("notice-ar").value = notice.ar || "";
      $("notice-en").value = notice.en || "";
    }
  }

  function renderWindows(windows) {
    $("windows").replaceChildren(...windows.map((w) => {
      const tr = document.createElement("tr");
      const status = w.status === "paused" ? S.paused + (w.reason ? " — " + w.reason : "")
        : w.status === "unstaffed" ? S.unstaffed : S.open;
      tr.dataset.window = w.number;
      tr.dataset.status = w.status;
      tr.append(cell(D.name(w.label)), cell(status, w.status === "open" ? "" : "late"),
        cell(w.clerk), cell(w.ticket ? w.ticket.number + " · " + (names[w.ticket.service] || "") : null));
      return tr;
    }));
    const count = (st) => windows.filter((w) => w.status === st).length;
    $("staffing").textContent = S.staffing.replace("{open}", count("open"))
      .replace("{paused}", count("paused")).replace("{unstaffed}", count("unstaffed"));
  }

  function renderServices(services) {
    $("services").replaceChildren(...services.filter((s) => !s.group).map((s) => {
      const tr = document.createElement("tr");
      tr.dataset.service = s.code;
      const late = s.longest_wait_s && s.longest_wait_s > s.target_wait_min * 60;
      const td = document.createElement("td");
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = s.open ? S.close : S.reopen;
      b.addEventListener("click", async () => {
        const r = await D.api("POST", "/services/" + s.code + (s.open ? "/close" : "/open"), {}, cfg.csrf);
        say(r.ok ? S.saved : D.errorText(r, S.error)); // the services come back as queue_updated
      });
      td.append(b);
      tr.append(cell(D.name(s.name) + (s.open ? "" : " (" + S.closed + ")")), cell(s.waiting),
        cell(minutes(s.longest_wait_s), late ? "late" : ""), cell(minutes(s.estimated_wait_s)), td);
      return tr;
    }));
  }

  /* An answer read before the latest pushed news is older than the page: read again rather
     than put it over the news (as the counter does). */
  let news = 0;
  const heard = () => { news += 1; document.body.dataset.news = String(news); };
  async function refresh(tries = 3) {
    const seen = news;
    const r = await D.api("GET", "/dashboard");
    if (!r.ok) return;
    if (news !== seen && tries > 1) return refresh(tries - 1);
    render(r.data); document.body.dataset.ready = "1";
  }

  /* What the events carry, applied where it shows. */
  function windowNews(w) {
    heard();
    if (!data) return;
    data.windows = data.windows.map((x) => (x.number === w.number ? Object.assign({}, x, w) : x));
    renderWindows(data.windows);
  }
  function queueNews(q) {
    heard();
    if (!data) return;
    data.services = q.services;
    renderServices(data.services);
  }
  function alertNews(a) {
    heard();
    if (!data) return;
    const same = (x) => x.kind === a.kind && x.subject === a.subject;
    if (!data.alerts.some(same)) data.alerts = [...data.alerts, a];
    renderAlerts(data.alerts);
  }
  function noticeNews(n) { heard(); if (data) { data.notice = n; renderNotice(n); } }

  $("issue-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = { service: $("issue-service").value, lang: D.lang };
    if ($("issue-priority").value) body.priority = $("issue-priority").value;
    const r = await D.api("POST", "/tickets", body, cfg.csrf, { "Idempotency-Key": D.requestKey() });
    $("issued").textContent = r.ok ? S.issued.replace("{n}", r.data.number) : D.errorText(r, S.error);
  });

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
    $("restore").hidden = !(found && found.status === "no_show");
  });
  for (const [id, path] of [["reprint", "/print"], ["cancel", "/cancel"], ["restore", "/restore"]]) {
    $(id).addEventListener("click", async () => {
      if (!found) return;
      const r = await D.api("POST", "/tickets/" + encodeURIComponent(found.tracking_id) + path, {}, cfg.csrf);
      say(r.ok ? S.saved : D.errorText(r, S.error));
    });
  }

  D.live({}, {
    state: refresh, // (re)connected: everything once
    window_updated: windowNews,
    queue_updated: queueNews,
    alert_raised: alertNews,
    notice_updated: noticeNews,
    remark_updated: (r) => document.dispatchEvent(new CustomEvent("dorak:remark", { detail: r })),
  });
  refresh();
  setInterval(refresh, 30000); // the day's figures and charts; alerts that ended
})();
