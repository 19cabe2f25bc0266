/* Citizens' words on the dashboard, one list newest first: the remarks (open ones, or all; live,
   "dorak:remark" from dashboard.js's connection; answer and close) and the comments given with
   ratings in the reports' period ("dorak:period" from dashboard_reports.js). Each is marked with
   its kind. Text from the public: shown as text, never as markup, in its own direction (an
   Arabic comment reads right to left on the English page too). */
"use strict";
(function () {
  const D = window.Dorak;
  const S = JSON.parse(document.getElementById("remarks-config").textContent);
  const csrf = JSON.parse(document.getElementById("dashboard-config").textContent).csrf;
  const $ = (id) => document.getElementById(id);
  const remarks = new Map();
  const fresh = new Set();
  let comments = []; // given with ratings, in the period
  const names = {}; // service code -> its name in the page's language
  const form = $("report-form");
  let period = { from: form.elements.from.value, to: form.elements.to.value || form.elements.from.value };

  function fail(res) { // the dashboard's message line, as its own script uses it
    const m = $("message");
    m.textContent = D.errorText(res, S.error);
    m.hidden = false;
    setTimeout(() => { m.hidden = true; }, 8000);
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function said(text, cls) {
    const p = el("p", cls || "said", text);
    p.dir = "auto";
    return p;
  }

  function kind(name) {
    return el("span", "kind", S[name]);
  }

  function ratingItem(c) {
    const li = el("li");
    li.dataset.kind = "rating";
    li.dataset.rating = c.number;
    const stars = el("span", "stars", "★".repeat(c.stars) + "☆".repeat(5 - c.stars));
    stars.setAttribute("aria-hidden", "true");
    const head = el("div", "head");
    head.append(kind("rating"), " ", stars, " " + S.stars.replace("{n}", c.stars) + " · " + c.number
      + " · " + (names[c.service] || c.service) + (c.window ? " · " + S.window.replace("{n}", c.window) : "")
      + " · " + (c.at || "").slice(11, 16));
    li.append(head, said(c.comment));
    return li;
  }

  function item(r) {
    const li = el("li");
    li.dataset.kind = "remark";
    li.dataset.remark = r.id;
    li.dataset.status = r.status;
    if (fresh.has(r.id)) li.classList.add("fresh");
    const where = r.number
      ? r.number + " · " + D.name(r.service_name) + (r.window ? " · " + S.window.replace("{n}", r.window) : "") + " · " + (S[r.source] || r.source)
      : S.kiosk;
    const head = el("div", "head");
    head.append(kind("remark"), " ", el("span", "cat", D.name(r.category_name)), " · " + where + " · " + (r.at || "").slice(11, 16) + " · " + (S[r.status] || r.status));
    li.append(head, said(r.text));
    if (r.answer) li.append(said(r.answer, "answer"));
    if (r.status !== "closed") {
      const form = el("form");
      const text = el("textarea");
      text.dir = "auto";
      text.rows = 1;
      text.maxLength = 1000;
      text.placeholder = S.placeholder;
      const answer = el("button", "btn", S.answer);
      answer.type = "submit";
      const close = el("button", "btn secondary", S.close);
      close.type = "button";
      form.append(text, answer, close);
      form.addEventListener("submit", async (e) => {
        e.preventDefault();
        if (!text.value.trim()) return;
        const res = await D.api("POST", "/remarks/" + r.id + "/answer", { text: text.value.trim() }, csrf);
        if (res.ok) news(res.data); else fail(res);
      });
      close.addEventListener("click", async () => {
        const res = await D.api("POST", "/remarks/" + r.id + "/close", {}, csrf);
        if (res.ok) news(res.data); else fail(res);
      });
      li.append(form);
    }
    return li;
  }

  const when = (x) => Date.parse(x.at) || 0;

  function render() {
    const showClosed = $("remarks-closed").checked;
    const shown = [...remarks.values()].filter((r) => showClosed || r.status !== "closed");
    $("remarks-count").textContent = "(" + shown.filter((r) => r.status !== "closed").length + ")";
    const ltr = (day) => "\u2066" + day + "\u2069"; // a date stays 2026-11-28 inside Arabic
    $("words-period").textContent = S.period.replace("{from}", ltr(period.from)).replace("{to}", ltr(period.to));
    const all = shown.map((r) => ({ at: when(r), id: r.id, li: () => item(r) }))
      .concat(comments.map((c) => ({ at: when(c), id: 0, li: () => ratingItem(c) })))
      .sort((a, b) => b.at - a.at || b.id - a.id);
    if (!all.length) { $("remarks-list").replaceChildren(el("li", "", S.none)); return; }
    $("remarks-list").replaceChildren(...all.map((x) => x.li()));
  }

  function news(r) {
    if (!remarks.has(r.id)) fresh.add(r.id);
    remarks.set(r.id, Object.assign(remarks.get(r.id) || {}, r));
    render();
  }

  async function load() {
    const r = await D.api("GET", "/remarks?closed=" + ($("remarks-closed").checked ? "1" : "0"));
    if (!r.ok) return;
    for (const x of r.data.remarks) remarks.set(x.id, x);
    render();
  }

  async function loadComments() {
    if (!period.from) return;
    const asked = period;
    const [r, state] = await Promise.all([
      D.api("GET", "/ratings/comments?" + new URLSearchParams(period).toString()),
      Object.keys(names).length ? Promise.resolve(null) : D.api("GET", "/services"),
    ]);
    if (state && state.ok) for (const x of state.data.services) names[x.code] = D.name(x.name);
    if (!r.ok || asked !== period) return; // another period was chosen meanwhile
    comments = r.data.remarks;
    render();
  }

  document.addEventListener("dorak:remark", (e) => news(e.detail));
  document.addEventListener("dorak:period", (e) => { period = e.detail; loadComments(); });
  $("remarks-closed").addEventListener("change", load);
  load();
  loadComments();
  setInterval(() => { load(); loadComments(); }, 60000); // what was missed, and new ratings
})();
