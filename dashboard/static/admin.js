/* The admin page, part one: the center, priority categories, opening hours and holidays, the
   ticket's logo with a preview, printer and lobby settings, the TOML import and export. Every
   daily task is a form; the TOML stays for keeping a copy or setting up another center.
   admin_people.js adds services, windows, users and devices through the same `A` object. */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("admin-config").textContent);
  const S = cfg.strings;
  const $ = (id) => document.getElementById(id);
  const call = (method, path, body) => D.api(method, "/admin" + path, body, cfg.csrf);
  const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
  const DAY_KEYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
  const WEEK_ORDER = [5, 6, 0, 1, 2, 3, 4]; // Saturday first, as a calendar here reads

  function say(result, text) {
    const m = $("message");
    m.textContent = text || (result.ok ? S.saved : D.errorText(result, S.error));
    m.className = "message" + (result.ok ? "" : " error");
    m.hidden = false;
    clearTimeout(say.t);
    say.t = setTimeout(() => { m.hidden = true; }, result.ok ? 2500 : 9000);
  }
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }
  function input(props) { return el("input", props); }
  function td(...children) { return el("td", {}, ...children); }
  function button(text, fn, cls) {
    const b = el("button", { type: "button", textContent: text, className: cls || "btn secondary small" });
    b.addEventListener("click", fn);
    return b;
  }
  const A = { D, cfg, S, $, call, say, el, input, td, button, center: null, hooks: [] };
  window.DorakAdmin = A;

  async function load() {
    const r = await call("GET", "/config");
    if (!r.ok) return say(r);
    A.center = r.data.center;
    $("toml").value = r.data.toml;
    fillCenter(A.center);
    fillPriorities(A.center.priorities);
    fillHours(A.center.hours);
    const settings = await call("GET", "/settings");
    if (settings.ok) {
      const f = $("settings-form");
      for (const [k, v] of Object.entries(settings.data)) if (f.elements[k]) f.elements[k].value = String(v);
    }
    for (const hook of A.hooks) await hook(A.center);
    preview();
  }
  A.load = load;

  // -- the center --------------------------------------------------------------------------
  function fillCenter(center) {
    const f = $("center-form");
    for (const k of ["name_ar", "name_en", "timezone", "day_starts_at"]) f.elements[k].value = center[k];
  }
  $("center-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = e.target;
    say(await call("PUT", "/center", { name_ar: f.elements.name_ar.value.trim(), name_en: f.elements.name_en.value.trim(),
      timezone: f.elements.timezone.value.trim(), day_starts_at: f.elements.day_starts_at.value.trim() }));
    load();
  });

  // -- priority categories, one row each ---------------------------------------------------
  function priorityRow(p) {
    const tr = el("tr");
    const n = $("priorities").children.length + 1;
    const code = input({ name: "code", value: p.code || "", required: true, dir: "ltr", pattern: "[a-z][a-z0-9_\\-]{0,31}" });
    const ar = input({ name: "name_ar", value: p.name_ar || "", required: true, dir: "rtl", maxLength: 60 });
    const en = input({ name: "name_en", value: p.name_en || "", required: true, dir: "ltr", maxLength: 60 });
    code.setAttribute("aria-label", S.code + " " + n);
    ar.setAttribute("aria-label", S.arabic + " " + n);
    en.setAttribute("aria-label", S.english + " " + n);
    tr.append(td(code), td(ar), td(en), td(button(S.remove, () => tr.remove())));
    return tr;
  }
  function fillPriorities(list) {
    $("priorities").replaceChildren();
    for (const p of list) $("priorities").append(priorityRow(p));
  }
  $("priority-add").addEventListener("click", () => {
    const row = priorityRow({});
    $("priorities").append(row);
    row.querySelector("input").focus();
  });
  $("priorities-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const priorities = [...$("priorities").children].map((tr) => ({
      code: tr.querySelector("[name=code]").value.trim(),
      name_ar: tr.querySelector("[name=name_ar]").value.trim(),
      name_en: tr.querySelector("[name=name_en]").value.trim(),
    }));
    say(await call("PUT", "/center", { priorities }));
    load();
  });

  // -- opening hours and holidays ----------------------------------------------------------
  let holidays = [];
  function timeInput(value, label) {
    const i = input({ value: value || "", dir: "ltr", inputMode: "numeric", maxLength: 5, placeholder: "08:00",
      pattern: "([01][0-9]|2[0-3]):[0-5][0-9]", className: "time" });
    i.setAttribute("aria-label", label);
    return i;
  }
  function fillHours(hours) {
    const week = hours.week || {};
    $("hours-form").elements.always_open.checked = !!hours.always_open;
    $("week").replaceChildren(...WEEK_ORDER.map((i) => {
      const day = week[i] || week[String(i)];
      const name = S.days[i];
      const open = input({ type: "checkbox", checked: !!day });
      open.setAttribute("aria-label", S.open_day.replace("{day}", name));
      const tr = el("tr", {}, el("th", { scope: "row", textContent: name }), td(open),
        td(timeInput(day && day.opens || "08:00", S.opens_day.replace("{day}", name))),
        td(timeInput(day && day.closes || "15:00", S.closes_day.replace("{day}", name))),
        td(timeInput(day && day.last_ticket || "14:30", S.last_day.replace("{day}", name))));
      tr.dataset.day = DAY_KEYS[i];
      return tr;
    }));
    holidays = [...(hours.closed_dates || [])].sort();
    showHolidays();
  }
  function showHolidays() {
    const list = holidays.length ? holidays.map((d) => el("li", {}, el("span", { dir: "ltr", textContent: d }), " ",
      button(S.remove + " " + d, () => { holidays = holidays.filter((x) => x !== d); showHolidays(); })))
      : [el("li", { textContent: S.no_holidays })];
    $("holidays").replaceChildren(...list);
  }
  $("holiday-add").addEventListener("click", () => {
    const d = $("holiday-date").value;
    if (d && !holidays.includes(d)) { holidays = [...holidays, d].sort(); showHolidays(); }
  });
  $("hours-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = { always_open: e.target.elements.always_open.checked, closed: holidays };
    for (const tr of $("week").children) {
      const [open, opens, closes, last] = tr.querySelectorAll("input");
      if (!open.checked) { body[tr.dataset.day] = "closed"; continue; }
      for (const t of [opens, closes, last]) {
        if (!HHMM.test(t.value.trim())) { t.focus(); return say({ ok: false }, S.bad_time); }
      }
      body[tr.dataset.day] = { open: opens.value.trim(), close: closes.value.trim(), last_ticket: last.value.trim() };
    }
    say(await call("PUT", "/center", { hours: body }));
    load();
  });

  // -- the ticket: logo and preview --------------------------------------------------------
  function preview() { $("preview").src = "/api/v1/admin/ticket-preview?at=" + Date.now(); }
  $("logo").addEventListener("change", () => {
    const file = $("logo").files[0];
    if (!file) return;
    $("logo-file").textContent = file.name;
    if (file.size > 200000) return say({ ok: false }, S.too_big);
    const reader = new FileReader();
    reader.onload = async () => {
      const image = String(reader.result).split(",")[1]; // data:...;base64,XXXX
      say(await call("PUT", "/logo", { image }));
      preview();
    };
    reader.readAsDataURL(file);
  });
  $("remove-logo").addEventListener("click", async () => {
    say(await call("DELETE", "/logo"));
    $("logo-file").textContent = S.no_file;
    preview();
  });

  // -- printer, lobby, no-shows ------------------------------------------------------------
  $("settings-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = e.target;
    say(await call("PUT", "/settings", { printer: f.elements.printer.value.trim(),
      printer_width: Number(f.elements.printer_width.value), ticket_digits: f.elements.ticket_digits.value,
      display_voice: f.elements.display_voice.value === "true", display_langs: f.elements.display_langs.value,
      display_recent: Number(f.elements.display_recent.value), restore_min: Number(f.elements.restore_min.value) }));
    preview();
  });
  $("test-print").addEventListener("click", async () => {
    const r = await call("POST", "/printer/test", {});
    $("test-result").textContent = r.ok ? D.name(r.data.message) : D.errorText(r, S.error);
    $("test-image").hidden = !(r.ok && r.data.png);
    if (r.ok && r.data.png) $("test-image").src = "data:image/png;base64," + r.data.png;
  });

  // -- import and export -------------------------------------------------------------------
  $("export").addEventListener("click", () => {
    const a = el("a", { href: URL.createObjectURL(new Blob([$("toml").value], { type: "text/plain" })),
      download: "dorak-center.toml" });
    document.body.append(a);
    a.click();
    a.remove();
  });
  $("toml-file").addEventListener("change", async () => {
    const file = $("toml-file").files[0];
    if (!file) return;
    $("toml").value = await file.text();
    say({ ok: true }, S.loaded.replace("{name}", file.name));
  });
  $("import").addEventListener("click", async () => { say(await call("PUT", "/config", { toml: $("toml").value })); load(); });

  document.addEventListener("DOMContentLoaded", () => load().then(() => { document.body.dataset.ready = "1"; }));
})();
