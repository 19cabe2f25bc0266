/* The visit's case file at the counter. The clerk types the file number (or a USB scanner types
   it, then Enter) and the visit is attached: a new number opens a file, a known one shows where
   the file stands and its last visit. Digits typed anywhere on the page start the field, "/"
   too; Enter attaches and gives the keys back to the shortcuts. */
"use strict";
(function () {
  const D = window.Dorak;
  const cfg = JSON.parse(document.getElementById("counter-config").textContent);
  const S = cfg.file_strings;
  const $ = (id) => document.getElementById(id);
  const input = $("file-number");
  let ticket = null;
  let busy = false;

  function say(text, isError) {
    const m = $("message");
    m.textContent = text;
    m.className = "message" + (isError ? " error" : "");
    m.hidden = false;
  }

  function show(file) {
    $("file-card").hidden = !file;
    $("file-ref").value = file ? file.number : "";
    if (!file) return;
    $("file-type").textContent = D.name(file.type_name);
    $("file-no").textContent = file.number;
    const status = $("file-status");
    status.textContent = D.name(file.status_name);
    status.dataset.status = file.status;
    const earlier = file.visits.filter((v) => !v.current && v.finished_at);
    let last = earlier.length ? S.visits.replace("{n}", earlier.length) : S.new_file;
    if (earlier.length) {
      const v = earlier[earlier.length - 1];
      last += " · " + S.last.replace("{day}", v.day).replace("{outcome}", S["outcome_" + v.outcome] || v.outcome);
      if (v.next_step) last += " · " + S.told.replace("{text}", v.next_step);
    }
    $("file-last").textContent = last;
    $("file-link").href = "/files?number=" + encodeURIComponent(file.number);
  }

  async function attach() {
    const number = input.value.trim();
    if (!number || busy) return;
    busy = true;
    try {
      const r = await D.api("POST", "/windows/" + cfg.window + "/file", { number }, cfg.csrf);
      if (!r.ok) { say(D.errorText(r, S.error), true); return; }
      input.value = "";
      input.blur(); // the single-key shortcuts work again
      show(r.data);
    } catch (e) {
      say(S.error, true);
    } finally {
      busy = false;
    }
  }

  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") { e.preventDefault(); attach(); }
    if (e.key === "Escape") { input.value = ""; input.blur(); }
  });

  /* A digit or "/" typed with no field or dialog focused goes to the file number. */
  document.addEventListener("keydown", (e) => {
    if (!ticket || e.ctrlKey || e.altKey || e.metaKey) return;
    if (document.querySelector("dialog[open]")) return;
    if (["INPUT", "TEXTAREA", "SELECT"].includes(e.target.tagName)) return;
    if (/^[0-9٠-٩]$/.test(e.key) || e.key === "/") {
      e.preventDefault();
      input.focus();
      if (e.key !== "/") input.value += e.key;
    }
  }, true);

  /* The finish request takes what the clerk wrote for the citizen and where the file goes. */
  D.caseFileFinish = function () {
    const out = {};
    const step = $("next-step").value.trim();
    if (step) out.next_step = step;
    if ($("file-goes").value && $("file-ref").value) out.file_status = $("file-goes").value;
    return out;
  };

  /* counter.js says when the window's ticket changes: clear, then show its file if it has one
     (after a reload, or attached from another terminal). */
  document.addEventListener("dorak:ticket", async (e) => {
    ticket = e.detail;
    input.value = "";
    $("next-step").value = "";
    $("file-goes").value = "";
    show(null);
    if (!ticket) return;
    const r = await D.api("GET", "/windows/" + cfg.window + "/file");
    if (r.ok && r.data.file && ticket && ticket === e.detail) show(r.data.file);
  });
})();
