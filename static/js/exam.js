// The exam screen: palette, navigation, the step journal and the server-set countdown.
// Every action becomes a step with its own id, kept in localStorage until the server acknowledges it,
// so a dropped connection or a reload never loses an answer; the server ignores a step it already holds.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("exam-data").textContent);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const journalKey = "aso-journal-" + data.attempt;
  const placeKey = "aso-place-" + data.attempt;
  const questions = data.questions; // [{position, section, choice, palette}]
  const deadline = Date.parse(data.deadline);
  const offset = Date.parse(data.serverNow) - Date.now(); // server time = Date.now() + offset
  const LABELS = {
    not_visited: "Not Visited", not_answered: "Not Answered", answered: "Answered",
    marked: "Marked for Review", answered_marked: "Answered & Marked for Review",
  };

  let current = 0;
  let submitting = false;
  let flushing = false;
  let journal = loadJournal();

  function loadJournal() {
    try { return JSON.parse(localStorage.getItem(journalKey)) || []; } catch (e) { return []; }
  }
  function saveJournal() {
    try { localStorage.setItem(journalKey, JSON.stringify(journal)); } catch (e) { /* storage full: keep in memory */ }
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // Replay unacknowledged steps from an earlier visit onto the server's state, so the screen shows them.
  journal.forEach(applyStep);

  function applyStep(step) {
    const q = questions[step.position];
    if (!q) return;
    if (step.kind === "view" && q.palette === "not_visited") q.palette = "not_answered";
    if (step.kind === "save") { q.choice = step.choice; q.palette = step.choice === null ? "not_answered" : "answered"; }
    if (step.kind === "mark") { q.choice = step.choice; q.palette = step.choice === null ? "marked" : "answered_marked"; }
    if (step.kind === "clear") { q.choice = null; q.palette = q.palette.indexOf("marked") >= 0 ? "marked" : "not_answered"; }
  }

  function record(kind, position, choice) {
    const step = { id: newId(), kind: kind, position: position, choice: choice, at: new Date(Date.now() + offset).toISOString() };
    applyStep(step);
    journal.push(step);
    saveJournal();
    setSaved(position, false);
    flush();
  }

  function flush() {
    if (flushing || journal.length === 0) return Promise.resolve(true);
    flushing = true;
    const batch = journal.slice(0, 100);
    return fetch(data.stepsUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ steps: batch }),
    }).then(function (response) {
      if (response.status === 409) { location.reload(); return false; } // the server closed the test
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json().then(function (body) {
        const acked = new Set(body.acked);
        journal = journal.filter((s) => !acked.has(s.id));
        saveJournal();
        batch.forEach((s) => setSaved(s.position, !journal.some((p) => p.position === s.position)));
        showOffline(false);
        return true;
      });
    }).catch(function () {
      showOffline(true);
      return false;
    }).then(function (ok) {
      flushing = false;
      // Steps recorded while this batch was in flight go at once; after a failure, retry in a few seconds.
      if (journal.length) ok ? flush() : setTimeout(flush, 3000);
      return ok;
    });
  }

  function showOffline(on) { document.getElementById("offline-banner").hidden = !on; }
  function setSaved(position, saved) {
    const mark = document.querySelector("#q" + position + " .saved-mark");
    if (mark) mark.hidden = !saved;
  }
  window.addEventListener("online", flush);

  // ---- screen ----
  function radios(position) { return document.querySelectorAll('input[name="q' + position + '"]'); }
  function chosen(position) {
    const checked = document.querySelector('input[name="q' + position + '"]:checked');
    return checked ? Number(checked.value) : null;
  }
  function resetChoice(position) {
    // Leaving a question without saving discards the unsaved choice, as in the real exam.
    const saved = questions[position].choice;
    radios(position).forEach((r) => { r.checked = Number(r.value) === saved; });
  }

  function show(position) {
    if (position < 0 || position >= questions.length) return;
    if (position !== current) resetChoice(current);
    document.querySelectorAll(".question").forEach((el) => { el.hidden = Number(el.dataset.position) !== position; });
    current = position;
    try { localStorage.setItem(placeKey, String(position)); } catch (e) { /* ignore */ }
    record("view", position, null);
    render();
  }

  function render() {
    const section = questions[current].section;
    document.querySelectorAll(".tab").forEach((tab) => {
      const active = tab.dataset.section === section;
      tab.setAttribute("aria-pressed", active ? "true" : "false");
      const answered = questions.filter((q) => q.section === tab.dataset.section && q.choice !== null).length;
      const total = questions.filter((q) => q.section === tab.dataset.section).length;
      tab.querySelector(".tab-count").textContent = answered + "/" + total;
    });
    document.querySelectorAll(".pal[data-position]").forEach((button) => {
      const q = questions[Number(button.dataset.position)];
      button.hidden = q.section !== section;
      button.className = "pal " + q.palette + (q.position === current ? " current" : "");
      button.setAttribute("aria-label", "Question " + button.textContent + ": " + LABELS[q.palette]);
      if (q.position === current) button.setAttribute("aria-current", "true"); else button.removeAttribute("aria-current");
    });
    const counts = countStates(section); // the real screen counts the open section
    document.getElementById("palette-counts").innerHTML = Object.keys(LABELS).map((k) =>
      '<span class="count"><span class="pal ' + k + '" aria-hidden="true">' + counts[k] + "</span> " + LABELS[k] + "</span>").join("");
  }

  function countStates(section) {
    const counts = {};
    Object.keys(LABELS).forEach((k) => { counts[k] = 0; });
    questions.forEach((q) => { if (!section || q.section === section) counts[q.palette] += 1; });
    return counts;
  }

  function next() { show(Math.min(current + 1, questions.length - 1)); }

  document.getElementById("btn-save").addEventListener("click", function () {
    record("save", current, chosen(current));
    current === questions.length - 1 ? render() : next();
  });
  document.getElementById("btn-mark").addEventListener("click", function () {
    record("mark", current, chosen(current));
    current === questions.length - 1 ? render() : next();
  });
  document.getElementById("btn-clear").addEventListener("click", function () {
    radios(current).forEach((r) => { r.checked = false; });
    record("clear", current, null);
    render();
  });
  document.getElementById("palette-grid").addEventListener("click", function (event) {
    const button = event.target.closest(".pal[data-position]");
    if (button) show(Number(button.dataset.position));
  });
  document.querySelectorAll(".tab").forEach((tab) => tab.addEventListener("click", function () {
    const first = questions.find((q) => q.section === tab.dataset.section);
    if (first) show(first.position);
  }));

  // ---- submit ----
  const dialog = document.getElementById("confirm-submit");
  document.getElementById("btn-submit").addEventListener("click", function () {
    const rows = data.sections.map(function (key) {
      const c = countStates(key);
      const name = document.querySelector('.tab[data-section="' + key + '"]').firstChild.textContent.trim();
      return "<tr><th scope='row'>" + name + "</th>" + Object.keys(LABELS).map((k) => "<td>" + c[k] + "</td>").join("") + "</tr>";
    });
    document.getElementById("confirm-table").innerHTML = "<thead><tr><th scope='col'>Section</th>" +
      Object.values(LABELS).map((l) => "<th scope='col'>" + l + "</th>").join("") + "</tr></thead><tbody>" + rows.join("") + "</tbody>";
    dialog.showModal();
  });
  document.getElementById("confirm-no").addEventListener("click", () => dialog.close());
  document.getElementById("confirm-yes").addEventListener("click", () => submit());

  // Resolve once every recorded step is acknowledged, or after `ms` (the server closes the paper anyway).
  function drain(ms) {
    const until = Date.now() + ms;
    return new Promise(function (resolve) {
      (function check() {
        if (!journal.length || Date.now() > until) return resolve(!journal.length);
        if (!flushing) flush();
        setTimeout(check, 150);
      })();
    });
  }

  function submit() {
    if (submitting) return;
    submitting = true;
    drain(8000).then(function () { document.getElementById("submit-form").submit(); });
  }

  // ---- clock: always recomputed from the server's deadline, so it cannot drift ----
  const timer = document.getElementById("timer");
  const announced = {};
  function tick() {
    const left = Math.max(0, Math.floor((deadline - (Date.now() + offset)) / 1000));
    const h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    timer.textContent = [h, m, s].map((n) => String(n).padStart(2, "0")).join(":");
    [10, 5, 1].forEach(function (minutes) {
      if (left <= minutes * 60 && left > minutes * 60 - 5 && !announced[minutes]) {
        announced[minutes] = true;
        document.getElementById("announce").textContent = minutes + (minutes === 1 ? " minute" : " minutes") + " left.";
      }
    });
    if (left === 0) {
      document.getElementById("announce").textContent = "Time is over. Submitting your answers.";
      submit();
    }
  }
  tick();
  setInterval(tick, 1000);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { tick(); flush(); } });

  let start = Number(localStorage.getItem(placeKey));
  if (!(start >= 0 && start < questions.length)) start = 0;
  current = start;
  show(start);
})();
