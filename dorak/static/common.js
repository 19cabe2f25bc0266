/* Helpers shared by Dorak's pages: plural phrases, API calls, the live connection. */
"use strict";
window.Dorak = (function () {
  const lang = document.documentElement.lang || "ar";

  /* Arabic counts take a different form for 0, 1, 2, 3-10 and 11+; English reuses them. */
  function counted(strings, key, n) {
    let form = n === 0 ? "0" : n === 1 ? "1" : n === 2 ? "2" : n <= 10 ? "few" : "many";
    const text = strings[key + "_" + form] || strings[key + "_many"] || "";
    return text.replace("{n}", String(n));
  }

  function minutesText(strings, seconds) {
    if (seconds === null || seconds === undefined) return "";
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    if (minutes < 3) return strings.wait_soon;
    if (minutes >= 60 && strings.wait_h) { // an hour and more reads in hours and minutes
      const h = Math.floor(minutes / 60), m = minutes % 60;
      const hm = m >= 3 && m <= 10 && strings.wait_hm_few ? strings.wait_hm_few : strings.wait_hm;
      return (m ? hm.replace("{m}", String(m)) : strings.wait_h).replace("{h}", String(h));
    }
    const key = minutes <= 10 ? "wait_min" : "wait_min_many";
    return strings[key].replace("{n}", String(minutes));
  }

  async function api(method, path, body, csrf, extra) {
    const headers = Object.assign({ "Accept": "application/json" }, extra || {});
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (csrf) headers["X-CSRF-Token"] = csrf;
    const response = await fetch("/api/v1" + path, {
      method, headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    if (response.status !== 204) {
      try { data = await response.json(); } catch (e) { data = null; }
    }
    return { ok: response.ok, status: response.status, data };
  }

  /* "about 20 min (15-30)": the figure and its 80 % range [low, high] in seconds, rounded as
     the printed ticket rounds them (dorak/printing.py range_minutes). */
  function waitText(strings, seconds, range) {
    const text = minutesText(strings, seconds);
    if (!text || !range || Math.ceil(seconds / 60) < 3) return text;
    const low = Math.max(1, Math.floor(range[0] / 60)), high = Math.max(1, Math.ceil(range[1] / 60));
    const told = (high <= 10 && strings.wait_range_few) || strings.wait_range || "({low}-{high} min)";
    // No break inside the range: "(from 16 to 45)" stays on one line.
    return text + " " + told.replace("{low}", String(low)).replace("{high}", String(high)).replace(/ /g, "\u00a0");
  }

  function errorText(result, fallback) {
    const m = result && result.data && result.data.message;
    return (m && (m[lang] || m.ar)) || fallback;
  }

  /* Socket.IO with automatic reconnection; every (re)connect starts with a full `state`. */
  function live(auth, handlers, onConnection) {
    const socket = io({ auth, transports: ["websocket", "polling"] });
    for (const [name, fn] of Object.entries(handlers)) socket.on(name, fn);
    socket.on("connect", () => onConnection && onConnection(true));
    socket.on("disconnect", () => onConnection && onConnection(false));
    socket.on("connect_error", () => onConnection && onConnection(false));
    return socket;
  }

  function name(i18n) { return (i18n && (i18n[lang] || i18n.ar)) || ""; }

  /* A random key (crypto.randomUUID needs HTTPS; getRandomValues works on a plain LAN too). */
  function requestKey() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  return { lang, counted, minutesText, waitText, api, errorText, live, name, requestKey };
})();
