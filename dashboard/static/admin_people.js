/* The admin page, part two: services with their windows and weights, windows with their
   services, users with their roles in the page's language, devices enrolled by link and QR. */
"use strict";
(function () {
  const A = window.DorakAdmin;
  const { D, S, $, call, say, el, input, td, button } = A;
  const label = (x) => (D.lang === "ar" ? x.name_ar || x.label_ar : x.name_en || x.label_en);
  const join = (parts) => parts.join(D.lang === "ar" ? "، " : ", ");

  /* A checkbox and a weight for each item: what a window serves, or where a service is served. */
  function weights(fieldset, items, current) {
    const legend = fieldset.querySelector("legend");
    fieldset.replaceChildren(legend, ...items.map((item) => {
      const on = input({ type: "checkbox", checked: item.key in current });
      on.dataset.key = item.key;
      const w = input({ type: "number", min: "0.1", max: "100", step: "0.1", value: current[item.key] || 1,
        disabled: !(item.key in current), className: "weight" });
      w.setAttribute("aria-label", S.weight + ": " + item.text);
      on.addEventListener("change", () => { w.disabled = !on.checked; });
      return el("div", { className: "weight-row" }, el("label", {}, on, " " + item.text), w);
    }));
  }
  function chosen(fieldset) {
    const out = {};
    for (const row of fieldset.querySelectorAll(".weight-row")) {
      const [on, w] = row.querySelectorAll("input");
      if (on.checked) out[on.dataset.key] = Number(w.value) || 1;
    }
    return out;
  }

  // -- services ------------------------------------------------------------------------------
  let editing = null;
  const windowItems = (center) => center.windows.map((w) => ({ key: String(w.number), text: label(w) }));

  function servicesOf(center) {
    const f = $("service-form");
    const parent = f.elements.parent;
    const groups = center.services.filter((s) => !s.prefix);
    parent.replaceChildren(parent.options[0], ...groups.map((g) => el("option", { value: g.code, textContent: label(g) })));
    $("services").replaceChildren(...center.services.filter((s) => s.prefix).map((s) => {
      const at = center.windows.filter((w) => s.code in w.services).map((w) => label(w) + " ×" + w.services[s.code]);
      const tr = el("tr", {}, td(el("span", { dir: "ltr", textContent: s.prefix })), td(label(s)), td(String(s.target_wait_min)),
        td(join(at) || S.none),
        td(button(S.edit, () => editService(s, center)), " ",
          button(S.retire, async () => {
            if (!window.confirm(S.retire_ask.replace("{name}", label(s)))) return;
            say(await call("DELETE", "/services/" + s.code));
            A.load();
          })));
      tr.dataset.service = s.code;
      return tr;
    }));
    if (!editing) weights($("service-windows"), windowItems(center), {});
  }
  function editService(s, center) {
    editing = s.code;
    const f = $("service-form");
    for (const k of ["code", "prefix", "name_ar", "name_en", "target_wait_min", "expected_service_min"]) f.elements[k].value = s[k];
    f.elements.parent.value = s.parent || "";
    f.elements.code.readOnly = true;
    const current = {};
    for (const w of center.windows) if (s.code in w.services) current[String(w.number)] = w.services[s.code];
    weights($("service-windows"), windowItems(center), current);
    $("service-form-title").textContent = S.edit_service.replace("{name}", label(s));
    f.scrollIntoView();
  }
  $("service-form").addEventListener("reset", () => {
    editing = null;
    $("service-form").elements.code.readOnly = false;
    $("service-form-title").textContent = S.add_service;
    if (A.center) setTimeout(() => weights($("service-windows"), windowItems(A.center), {}));
  });
  $("service-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = e.target;
    const body = {
      prefix: f.elements.prefix.value.trim().toUpperCase(), name_ar: f.elements.name_ar.value.trim(),
      name_en: f.elements.name_en.value.trim(), target_wait_min: Number(f.elements.target_wait_min.value),
      expected_service_min: Number(f.elements.expected_service_min.value),
      parent: f.elements.parent.value || null, windows: chosen($("service-windows")),
    };
    const code = f.elements.code.value.trim();
    const r = editing ? await call("PUT", "/services/" + code, body)
      : await call("POST", "/services", Object.assign({ code }, body));
    say(r);
    if (r.ok) { f.reset(); A.load(); }
  });

  // -- windows -------------------------------------------------------------------------------
  let editingWindow = null;
  function windowsOf(center) {
    const names = Object.fromEntries(center.services.map((s) => [s.code, label(s)]));
    $("windows").replaceChildren(...center.windows.map((w) => {
      const serves = Object.entries(w.services).map(([code, weight]) => (names[code] || code) + " ×" + weight);
      const tr = el("tr", {}, td(label(w)), td(join(serves) || S.none), td(button(S.edit, () => editWindow(w, center))));
      tr.dataset.window = w.number;
      return tr;
    }));
    for (const select of document.querySelectorAll(".window-select")) {
      const keep = select.value;
      select.replaceChildren(select.options[0], ...center.windows.map((w) => el("option", { value: String(w.number), textContent: label(w) })));
      select.value = keep;
    }
  }
  function editWindow(w, center) {
    editingWindow = w.number;
    const f = $("window-form");
    f.hidden = false;
    f.elements.label_ar.value = w.label_ar;
    f.elements.label_en.value = w.label_en;
    $("window-form-title").textContent = S.edit_window.replace("{name}", label(w));
    const items = center.services.filter((s) => s.prefix).map((s) => ({ key: s.code, text: label(s) }));
    weights($("window-services"), items, w.services);
    f.scrollIntoView();
  }
  $("window-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = e.target;
    const r = await call("PUT", "/windows/" + editingWindow, { label_ar: f.elements.label_ar.value.trim(),
      label_en: f.elements.label_en.value.trim(), services: chosen($("window-services")) });
    say(r);
    if (r.ok) { f.hidden = true; A.load(); }
  });

  // -- users ---------------------------------------------------------------------------------
  async function usersOf() {
    const r = await call("GET", "/users");
    if (!r.ok) return;
    $("users").replaceChildren(...r.data.users.map((u) => {
      const tr = el("tr", {}, td(u.name + (u.active ? "" : " (" + S.disabled + ")")), td(el("span", { dir: "ltr", textContent: u.username })),
        td(S.roles[u.role] || u.role), td(u.window ? S.window_n.replace("{n}", u.window) : S.none),
        td(button(u.active ? S.disable : S.enable, async () => {
          say(await call("POST", "/users/" + encodeURIComponent(u.username) + "/active", { active: !u.active }));
          usersOf();
        }), " ", button(S.reset, async () => {
          const password = window.prompt(S.reset_ask.replace("{user}", u.name));
          if (password) say(await call("POST", "/users/" + encodeURIComponent(u.username) + "/password", { password }));
        })));
      tr.dataset.user = u.username;
      return tr;
    }));
  }
  $("user-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = e.target;
    const body = { username: f.elements.username.value.trim(), name: f.elements.name.value.trim(),
      password: f.elements.password.value, role: f.elements.role.value };
    if (f.elements.window.value) body.window = Number(f.elements.window.value);
    const r = await call("POST", "/users", body);
    say(r);
    if (r.ok) { f.reset(); usersOf(); }
  });

  // -- devices -------------------------------------------------------------------------------
  async function devicesOf() {
    const r = await call("GET", "/tokens");
    if (!r.ok) return;
    $("tokens").replaceChildren(...r.data.tokens.map((t) => {
      const what = (S.roles[t.role] || t.role) + (t.window ? " · " + S.window_n.replace("{n}", t.window) : "");
      return el("tr", {}, td(String(t.id)), td(what), td((t.label || "") + (t.revoked_at ? " (" + S.revoked + ")" : "")),
        td(t.revoked_at ? "" : button(S.revoke, async () => { say(await call("POST", "/tokens/" + t.id + "/revoke", {})); devicesOf(); })));
    }));
  }
  $("token-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = e.target;
    const body = { role: f.elements.role.value };
    if (f.elements.window.value) body.window = Number(f.elements.window.value);
    if (f.elements.label.value.trim()) body.label = f.elements.label.value.trim();
    const r = await call("POST", "/tokens", body);
    say(r);
    if (!r.ok) return;
    $("enrol").hidden = false;
    $("enrol-token").textContent = r.data.token;
    $("enrol-link").textContent = r.data.link || "";
    $("enrol-link").href = r.data.link || "#";
    $("enrol-link").parentElement.hidden = !r.data.link;
    $("enrol-qr").innerHTML = r.data.qr_svg ? r.data.qr_svg.replace(/^<\?xml[^>]*>/, "") : ""; // our own SVG
    $("enrol-qr").hidden = !r.data.qr_svg;
    f.reset();
    devicesOf();
  });

  A.hooks.push(async (center) => {
    servicesOf(center);
    windowsOf(center);
    await usersOf();
    await devicesOf();
  });
})();
