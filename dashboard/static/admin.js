/* The admin page: services, windows, users and devices, through the admin API. */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("admin-config").textContent);
  const S = cfg.strings;
  const $ = (id) => document.getElementById(id);
  const call = (method, path, body) => D.api(method, "/admin" + path, body, cfg.csrf);

  function say(result) {
    const m = $("message");
    m.textContent = result.ok ? S.saved : D.errorText(result, S.error);
    m.className = "message" + (result.ok ? "" : " error");
    m.hidden = false;
    clearTimeout(say.t);
    say.t = setTimeout(() => { m.hidden = true; }, result.ok ? 2500 : 8000);
  }
  function td(text) { const c = document.createElement("td"); c.textContent = text ?? ""; return c; }
  function button(text, fn) {
    const c = document.createElement("td");
    const b = document.createElement("button");
    b.type = "button"; b.textContent = text; b.addEventListener("click", fn);
    c.append(b); return c;
  }
  const weights = (text) => Object.fromEntries(text.split(",").map((x) => x.trim()).filter(Boolean)
    .map((pair) => { const [k, v] = pair.split(":"); return [k.trim(), Number(v || 1)]; }));
  const showWeights = (obj) => Object.entries(obj).map(([k, v]) => k + ":" + v).join(", ");

  async function load() {
    const r = await call("GET", "/config");
    if (!r.ok) return say(r);
    const center = r.data.center;
    const cf = $("center-form");
    for (const k of ["name_ar", "name_en", "timezone", "day_starts_at"]) cf.elements[k].value = center[k];
    cf.elements.priorities.value = center.priorities.map((p) => [p.code, p.name_ar, p.name_en].join(": ")).join("\n");
    const settings = await call("GET", "/settings");
    if (settings.ok) {
      const sf = $("settings-form");
      for (const [k, v] of Object.entries(settings.data)) if (sf.elements[k]) sf.elements[k].value = String(v);
    }
    $("toml").value = r.data.toml;
    $("services").replaceChildren(...center.services.filter((s) => s.prefix).map((s) => {
      const tr = document.createElement("tr");
      tr.dataset.service = s.code;
      tr.append(td(s.code), td(s.prefix), td(D.lang === "ar" ? s.name_ar : s.name_en), td(s.target_wait_min),
        button(S.edit, () => fillService(s, center)),
        button(S.retire, async () => { say(await call("DELETE", "/services/" + s.code)); load(); }));
      return tr;
    }));
    $("windows").replaceChildren(...center.windows.map((w) => {
      const tr = document.createElement("tr");
      tr.dataset.window = w.number;
      const cell = document.createElement("td");
      const input = document.createElement("input");
      input.value = showWeights(w.services); input.dir = "ltr";
      cell.append(input);
      tr.append(td(D.lang === "ar" ? w.label_ar : w.label_en), cell,
        button(S.save, async () => { say(await call("PUT", "/windows/" + w.number, { services: weights(input.value) })); load(); }));
      return tr;
    }));
    const users = await call("GET", "/users");
    $("users").replaceChildren(...(users.data.users || []).map((u) => {
      const tr = document.createElement("tr");
      tr.append(td(u.username + (u.active ? "" : " (" + S.disabled + ")")), td(u.role), td(u.window),
        button(u.active ? S.disable : S.enable, async () => { say(await call("POST", "/users/" + encodeURIComponent(u.username) + "/active", { active: !u.active })); load(); }),
        button(S.reset, async () => {
          const password = window.prompt(S.reset);
          if (password) say(await call("POST", "/users/" + encodeURIComponent(u.username) + "/password", { password }));
        }));
      return tr;
    }));
    const tokens = await call("GET", "/tokens");
    $("tokens").replaceChildren(...(tokens.data.tokens || []).map((t) => {
      const tr = document.createElement("tr");
      tr.append(td(t.id), td(t.role + (t.window ? " " + t.window : "")), td(t.label + (t.revoked_at ? " (" + S.revoked + ")" : "")),
        t.revoked_at ? td("") : button(S.revoke, async () => { say(await call("POST", "/tokens/" + t.id + "/revoke", {})); load(); }));
      return tr;
    }));
  }

  function fillService(s, center) {
    const f = $("service-form");
    for (const k of ["code", "prefix", "name_ar", "name_en", "target_wait_min", "expected_service_min"]) f.elements[k].value = s[k];
    f.elements.parent.value = s.parent || "";
    f.elements.code.readOnly = true;
    const on = center.windows.filter((w) => s.code in w.services).map((w) => w.number + ":" + w.services[s.code]);
    f.elements.windows.value = on.join(", ");
    f.scrollIntoView();
  }

  $("service-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = e.target;
    const body = {
      prefix: f.elements.prefix.value.trim(), name_ar: f.elements.name_ar.value.trim(),
      name_en: f.elements.name_en.value.trim(), target_wait_min: Number(f.elements.target_wait_min.value),
      expected_service_min: Number(f.elements.expected_service_min.value),
    };
    if (f.elements.windows.value.trim()) body.windows = weights(f.elements.windows.value);
    body.parent = f.elements.parent.value.trim() || null;
    const code = f.elements.code.value.trim();
    const r = f.elements.code.readOnly ? await call("PUT", "/services/" + code, body)
      : await call("POST", "/services", Object.assign({ code }, body));
    say(r);
    if (r.ok) { f.reset(); f.elements.code.readOnly = false; load(); }
  });
  $("user-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = e.target;
    const body = { username: f.elements.username.value.trim(), password: f.elements.password.value, role: f.elements.role.value };
    if (f.elements.window.value) body.window = Number(f.elements.window.value);
    const r = await call("POST", "/users", body);
    say(r);
    if (r.ok) { f.reset(); load(); }
  });
  $("token-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = e.target;
    const body = { role: f.elements.role.value };
    if (f.elements.window.value) body.window = Number(f.elements.window.value);
    if (f.elements.label.value.trim()) body.label = f.elements.label.value.trim();
    const r = await call("POST", "/tokens", body);
    say(r);
    if (r.ok) { $("new-token").textContent = S.token_once + " " + r.data.token; $("new-token").hidden = false; f.reset(); load(); }
  });
  $("center-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = e.target;
    const priorities = f.elements.priorities.value.split("\n").map((l) => l.split(":").map((x) => x.trim()))
      .filter((p) => p.length === 3 && p[0]).map(([code, name_ar, name_en]) => ({ code, name_ar, name_en }));
    say(await call("PUT", "/center", { name_ar: f.elements.name_ar.value.trim(), name_en: f.elements.name_en.value.trim(),
      timezone: f.elements.timezone.value.trim(), day_starts_at: f.elements.day_starts_at.value, priorities }));
    load();
  });
  $("settings-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = e.target;
    say(await call("PUT", "/settings", { printer: f.elements.printer.value.trim(),
      printer_width: Number(f.elements.printer_width.value), ticket_digits: f.elements.ticket_digits.value,
      display_voice: f.elements.display_voice.value === "true", display_langs: f.elements.display_langs.value,
      display_recent: Number(f.elements.display_recent.value) }));
  });
  $("test-print").addEventListener("click", async () => {
    const r = await call("POST", "/printer/test", {});
    $("test-result").textContent = r.ok ? D.name(r.data.message) : D.errorText(r, S.error);
    $("test-image").hidden = !(r.ok && r.data.png);
    if (r.ok && r.data.png) $("test-image").src = "data:image/png;base64," + r.data.png;
  });
  $("logo").addEventListener("change", () => {
    const file = $("logo").files[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = async () => {
      const image = String(reader.result).split(",")[1]; // data:...;base64,XXXX
      say(await call("PUT", "/logo", { image }));
    };
    reader.readAsDataURL(file);
  });
  $("remove-logo").addEventListener("click", async () => say(await call("DELETE", "/logo")));
  $("import").addEventListener("click", async () => { say(await call("PUT", "/config", { toml: $("toml").value })); load(); });
  load().then(() => { document.body.dataset.ready = "1"; });
})();
