/* Citizens' remarks on the dashboard: the open ones, newest first, live ("dorak:remark" from
   dashboard.js's connection); answer and close. Remarks are text from the public: shown as
   text, never as markup. */
"use strict";
(function () {
  const D = window.Dorak;
  const S = JSON.parse(document.getElementById("remarks-config").textContent);
  const csrf = JSON.parse(document.getElementById("dashboard-config").textContent).csrf;
  const $ = (id) => document.getElementById(id);
  const remarks = new Map();
  const fresh = new Set();

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

  function item(r) {
    const li = el("li");
    li.dataset.remark = r.id;
    li.dataset.status = r.status;
    if (fresh.has(r.id)) li.classList.add("fresh");
    const where = r.number
      ? r.number + " · " + D.name(r.service_name) + (r.window ? " · " + S.window.replace("{n}", r.window) : "") + " · " + (S[r.source] || r.source)
      : S.kiosk;
    const head = el("div", "head");
    head.append(el("span", "cat", D.name(r.category_name)), " · " + where + " · " + (r.at || "").slice(11, 16) + " · " + (S[r.status] || r.status));
    li.append(head, el("p", "said", r.text));
    if (r.answer) li.append(el("p", "answer", r.answer));
    if (r.status !== "closed") {
      const form = el("form");
      const text = el("textarea");
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

  function render() {
    const showClosed = $("remarks-closed").checked;
    const items = [...remarks.values()].filter((r) => showClosed || r.status !== "closed").sort((a, b) => b.id - a.id);
    $("remarks-count").textContent = "(" + items.filter((r) => r.status !== "closed").length + ")";
    if (!items.length) { $("remarks-list").replaceChildren(el("li", "", S.none)); return; }
    $("remarks-list").replaceChildren(...items.map(item));
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

  document.addEventListener("dorak:remark", (e) => news(e.detail));
  $("remarks-closed").addEventListener("change", load);
  load();
  setInterval(load, 60000); // after a lost connection, what was missed
})();
