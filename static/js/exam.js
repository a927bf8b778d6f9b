// The exam screen: palette, navigation, timed parts, practice feedback, the step journal and the clock.
// Every action becomes a step with its own id, kept in localStorage until the server acknowledges it, so a
// dropped connection, a reload or a server restart never loses an answer; the server ignores a step it holds.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("exam-data").textContent);
  const urls = JSON.parse(document.getElementById("exam-urls").textContent);
  let csrf = document.querySelector('meta[name="csrf-token"]').content;
  const journalKey = "aso-journal-" + data.attempt;
  const placeKey = "aso-place-" + data.attempt;
  const questions = data.questions; // [{position, section, choice, palette}]
  const practice = data.mode === "practice";
  const parts = data.parts.map((p) => ({ name: p.name, sections: p.sections, opens: Date.parse(p.opens), closes: Date.parse(p.closes) }));
  const sectionNames = {};
  data.sections.forEach((s) => { sectionNames[s.id] = s.name; });
  // Every word shown comes from the server in the interface language (trainer/exam/screen_text.py).
  const text = JSON.parse(document.getElementById("exam-text").textContent);
  const LABELS = Object.fromEntries(text.palette); // the palette's states, in the legend's order
  function t(key, values) {
    return text[key].replace(/%\((\w+)\)s/g, (whole, name) => String(values[name]));
  }
  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";");
  }
  const $ = (id) => document.getElementById(id);

  let offset = Date.parse(data.serverNow) - Date.now(); // server time = Date.now() + offset
  let current = 0;
  let openPart = partAt(serverNow());
  let submitting = false;
  let flushing = false;
  let journal = loadJournal();
  const checked = {}; // practice: position -> feedback shown

  function serverNow() { return Date.now() + offset; }
  function partAt(t) {
    for (let i = 0; i < parts.length; i++) if (t >= parts[i].opens && t < parts[i].closes) return i;
    return -1;
  }
  function partOf(position) {
    const section = questions[position].section;
    return parts.findIndex((p) => p.sections.indexOf(section) >= 0);
  }
  function inOpenPart(position) { return !data.timed || partOf(position) === openPart; }

  // ---- journal ----
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

  function applyStep(step) {
    const q = questions[step.position];
    if (!q) return;
    if (step.kind === "view" && q.palette === "not_visited") q.palette = "not_answered";
    if (step.kind === "save") { q.choice = step.choice; q.palette = step.choice === null ? "not_answered" : "answered"; }
    if (step.kind === "mark") { q.choice = step.choice; q.palette = step.choice === null ? "marked" : "answered_marked"; }
    if (step.kind === "clear") { q.choice = null; q.palette = q.palette.indexOf("marked") >= 0 ? "marked" : "not_answered"; }
  }
  // Steps from an earlier visit that the server has not confirmed yet: show them (options too), send them.
  journal.forEach(applyStep);
  questions.forEach((q) => resetChoice(q.position));

  function record(kind, position, choice) {
    const step = { id: newId(), kind: kind, position: position, choice: choice, at: new Date(serverNow()).toISOString() };
    applyStep(step);
    journal.push(step);
    saveJournal();
    if (kind !== "view") setSaved(position, false);
    flush();
  }

  function pendingFor(position) { return journal.some((s) => s.position === position && s.kind !== "view"); }

  function flush() {
    if (flushing || journal.length === 0) return Promise.resolve(true);
    flushing = true;
    const batch = journal.slice(0, 100);
    const sent = Date.now();
    return fetch(urls.steps, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ steps: batch }),
    }).then(function (response) {
      if (response.status === 409) { journal = []; saveJournal(); location.reload(); return false; } // test closed
      if (response.status === 401) { signedOut(); return false; }
      if (response.status === 400) {
        // A refused security token (an earlier sign-in's, or expired) is not a network failure: renew it, send again.
        return response.json().catch(() => ({})).then(function (body) {
          if (body.code !== "csrf") throw new Error("HTTP 400");
          return renewToken();
        });
      }
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json().then(function (body) {
        offset = Date.parse(body.server_now) - (sent + Date.now()) / 2;
        // Acknowledged and refused steps leave the journal; so do steps without a usable id (by place in the
        // batch). Deferred ones stay and go in the next batch.
        const done = new Set(body.acked.concat(Object.keys(body.refused)));
        (body.malformed || []).forEach((m) => { if (batch[m.index]) done.add(batch[m.index]); });
        journal = journal.filter((s) => !done.has(s.id) && !done.has(s));
        saveJournal();
        const reasons = Object.values(body.refused).concat((body.malformed || []).map((m) => m.reason));
        if (reasons.length) notice(t("notSaved", { reason: reasons[0] }));
        reconcile(body.state);
        (body.feedback || []).forEach(showFeedback);
        batch.filter((s) => s.kind !== "view").forEach((s) => setSaved(s.position, !pendingFor(s.position)));
        showOffline(false);
        render();
        return true;
      });
    }).catch(function () {
      showOffline(true);
      return false;
    }).then(function (ok) {
      flushing = false;
      // Steps recorded while this batch was in flight go at once; after a failure, retry in a few seconds.
      if (journal.length && !submitting && !isSignedOut) ok ? flush() : setTimeout(flush, 3000);
      return ok;
    });
  }

  // ---- the security token and the session ----
  let isSignedOut = false;
  let renewTimer = null;
  function setToken(token) {
    csrf = token;
    document.querySelector('meta[name="csrf-token"]').content = token;
    document.querySelectorAll('input[name="csrf_token"]').forEach((input) => { input.value = token; });
  }
  // Resolves true once a fresh token is in place (the caller's flush then sends again at once).
  function renewToken() {
    return fetch(urls.token, { credentials: "same-origin", headers: { "Accept": "application/json" }, cache: "no-store" })
      .then(function (response) {
        if (response.status === 401) { signedOut(); return false; }
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json().then(function (body) {
          setToken(body.csrf_token);
          if (isSignedOut) signedBackIn();
          return true;
        });
      });
  }
  // Signed out (in another tab, or the session was ended): keep every answer here, ask to sign in again, and
  // look for the new session every few seconds; nothing is sent or submitted until then.
  function signedOut() {
    if (!isSignedOut) {
      isSignedOut = true;
      const box = $("signed-out");
      if (box && !box.open) box.showModal();
    }
    clearTimeout(renewTimer);
    renewTimer = setTimeout(() => renewToken().catch(() => false).then((ok) => { if (!ok) signedOut(); }), 3000);
  }
  function signedBackIn() {
    isSignedOut = false;
    clearTimeout(renewTimer);
    const box = $("signed-out");
    if (box && box.open) box.close();
    notice(text.signedInAgain);
    flush();
  }
  on("signed-out-retry", () => renewToken().catch(() => false));

  // The server's word wins for questions with nothing pending here (e.g. answered in another tab).
  function reconcile(state) {
    (state || []).forEach(function (s) {
      // Any step still unacknowledged here (a view too: else a question on screen flips back to Not Visited).
      if (journal.some((p) => p.position === s.position)) return;
      const q = questions[s.position];
      const untouched = chosen(s.position) === q.choice;
      q.choice = s.choice;
      q.palette = s.palette;
      if (s.position !== current || untouched) resetChoice(s.position);
    });
  }

  function showOffline(on) { $("offline-banner").hidden = !on; }
  let noticeTimer = null;
  function notice(text) {
    const el = $("notice");
    el.textContent = text;
    el.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { el.hidden = true; }, 6000);
  }
  function setSaved(position, saved) {
    const mark = document.querySelector("#q" + position + " .saved-mark");
    if (mark) mark.hidden = !saved;
  }
  window.addEventListener("online", flush);
  window.addEventListener("focus", () => { if (isSignedOut) renewToken().catch(() => false); });

  // ---- screen ----
  function radios(position) { return document.querySelectorAll('input[name="q' + position + '"]'); }
  function chosen(position) {
    const input = document.querySelector('input[name="q' + position + '"]:checked');
    return input ? Number(input.value) : null;
  }
  function resetChoice(position) {
    // Leaving a question without saving discards the unsaved choice, as in the real exam.
    const saved = questions[position].choice;
    radios(position).forEach((r) => { r.checked = Number(r.value) === saved; });
  }

  function show(position) {
    if (position < 0 || position >= questions.length || !inOpenPart(position)) return;
    if (position !== current) resetChoice(current);
    document.querySelectorAll(".question").forEach((el) => { el.hidden = Number(el.dataset.position) !== position; });
    const article = $("q" + position);
    document.querySelectorAll(".passage").forEach((el) => { el.hidden = el.id !== "passage-" + article.dataset.passage; });
    current = position;
    try { localStorage.setItem(placeKey, String(position)); } catch (e) { /* ignore */ }
    record("view", position, null);
    render();
  }

  function render() {
    const section = questions[current].section;
    document.querySelectorAll(".tab").forEach((tab) => {
      const key = tab.dataset.section;
      const part = parts.findIndex((p) => p.sections.indexOf(key) >= 0);
      const locked = data.timed && part !== openPart;
      tab.disabled = locked;
      tab.setAttribute("aria-pressed", key === section ? "true" : "false");
      tab.querySelector(".tab-lock").textContent = locked ? " " + (part < openPart ? text.closed : text.opensLater) : "";
      const inSection = questions.filter((q) => q.section === key);
      tab.querySelector(".tab-count").textContent = inSection.filter((q) => q.choice !== null).length + "/" + inSection.length;
    });
    document.querySelectorAll(".pal[data-position]").forEach((button) => {
      const q = questions[Number(button.dataset.position)];
      button.hidden = q.section !== section;
      button.className = "pal " + q.palette + (q.position === current ? " current" : "");
      button.setAttribute("aria-label", t("questionState", { number: button.textContent, state: LABELS[q.palette] }));
      if (q.position === current) button.setAttribute("aria-current", "true"); else button.removeAttribute("aria-current");
    });
    const counts = countStates(section); // the real screen counts the open section
    $("palette-counts").innerHTML = Object.keys(LABELS).map((k) =>
      '<span class="count"><span class="pal ' + k + '" aria-hidden="true">' + counts[k] + "</span> " + escapeHtml(LABELS[k]) + "</span>").join("");
    const partName = $("part-name");
    if (partName && parts.length > 1 && openPart >= 0) partName.textContent = parts[openPart].name + ":";
    if (practice) lockChecked(current);
  }

  function countStates(section) {
    const counts = {};
    Object.keys(LABELS).forEach((k) => { counts[k] = 0; });
    questions.forEach((q) => { if (!section || q.section === section) counts[q.palette] += 1; });
    return counts;
  }

  // Save & Next on the last question of a section goes on to the next section; on the last question of a
  // timed part it goes back to the part's first question (the next part opens only when its time comes).
  function nextPosition() {
    const next = current + 1;
    if (next < questions.length && inOpenPart(next)) return next;
    const first = questions.findIndex((q) => inOpenPart(q.position));
    return first >= 0 ? first : current;
  }

  function saveAndNext(kind) {
    if (!inOpenPart(current)) return;
    record(kind, current, chosen(current));
    show(nextPosition());
  }

  // ---- practice ----
  function checkAnswer() {
    const choice = chosen(current);
    if (choice === null) { notice(text.chooseFirst); return; }
    if (checked[current]) return;
    record("save", current, choice);
    lockChecked(current);
  }
  function lockChecked(position) {
    const done = checked[position] || questions[position].choice !== null;
    radios(position).forEach((r) => { r.disabled = done; });
    const button = $("btn-save");
    if (button && position === current) button.disabled = done;
  }
  function showFeedback(f) {
    checked[f.position] = f;
    const box = document.querySelector("#q" + f.position + " .feedback");
    if (!box) return;
    const letter = "ABCD"[f.key];
    box.innerHTML = "<p class='" + (f.right ? "good" : "bad") + "'><strong>" + escapeHtml(f.right ? text.right : text.wrong) +
      "</strong> " + escapeHtml(t("answerIs", { letter: letter })) + "</p><div class='lang-en' lang='en'>" + f.explanation + "</div>" +
      (f.hindiExplanation ? "<div class='lang-hi' lang='hi'>" + f.hindiExplanation + "</div>" : "") +
      (urls.report ? "<p><a class='report-link' target='_blank' rel='noopener' href='" + urls.report + "?position=" +
        Number(f.position) + "'>" + escapeHtml(text.report) + "</a> " + escapeHtml(text.newTab) + "</p>" : "");
    box.hidden = false;
    box.setAttribute("role", "status");
    lockChecked(f.position);
  }
  (data.feedback || []).forEach(showFeedback);

  // ---- buttons, palette, keys ----
  function on(id, handler) { const el = $(id); if (el) el.addEventListener("click", handler); }
  if (practice) {
    on("btn-save", checkAnswer);
    on("btn-next", () => show(nextPosition()));
  } else {
    on("btn-save", () => saveAndNext("save"));
    on("btn-mark", () => saveAndNext("mark"));
    on("btn-clear", function () {
      radios(current).forEach((r) => { r.checked = false; });
      record("clear", current, null);
      render();
    });
  }
  $("palette-grid").addEventListener("click", function (event) {
    const button = event.target.closest(".pal[data-position]");
    if (button) { show(Number(button.dataset.position)); closeSheetOnPhone(); }
  });
  document.querySelectorAll(".tab").forEach((tab) => tab.addEventListener("click", function () {
    const first = questions.find((q) => q.section === tab.dataset.section);
    if (first) show(first.position);
  }));
  const toggle = $("palette-toggle");
  toggle.addEventListener("click", function () {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    document.body.classList.toggle("palette-closed", !open);
  });
  const phone = window.matchMedia("(max-width: 47.99rem)");
  function closeSheetOnPhone() { if (phone.matches && toggle.getAttribute("aria-expanded") === "true") toggle.click(); }
  if (phone.matches) { toggle.setAttribute("aria-expanded", "false"); document.body.classList.add("palette-closed"); }

  const language = $("language");
  function setLanguage(lang) {
    document.body.classList.toggle("show-hi", lang === "hi");
    language.value = lang;
    try { localStorage.setItem("aso-lang", lang); } catch (e) { /* ignore */ }
  }
  language.addEventListener("change", () => setLanguage(language.value));
  if (!language.disabled && localStorage.getItem("aso-lang") === "hi") setLanguage("hi");

  on("btn-paper", function () {
    const section = questions[current].section;
    $("paper-list").innerHTML = "";
    questions.filter((q) => q.section === section).forEach(function (q) {
      const stem = document.querySelector("#q" + q.position + " .stem" + (document.body.classList.contains("show-hi") ? ".lang-hi" : "")) ||
        document.querySelector("#q" + q.position + " .stem");
      const item = document.createElement("li");
      const link = document.createElement("button");
      link.type = "button";
      link.className = "link";
      link.textContent = stem.textContent.trim().slice(0, 160);
      link.addEventListener("click", () => { $("question-paper").close(); show(q.position); });
      item.appendChild(link);
      $("paper-list").appendChild(item);
    });
    $("question-paper").showModal();
  });
  on("paper-close", () => $("question-paper").close());

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || document.querySelector("dialog[open]")) return;
    const target = event.target;
    if (target.tagName === "SELECT" || target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && target.type !== "radio")) return;
    const key = event.key.toLowerCase();
    const clear = key === "c" && event.shiftKey; // plain C chooses option C, so Clear Response is Shift+C
    const index = clear ? -1 : "1234".indexOf(key) >= 0 ? "1234".indexOf(key) : ("abcd".indexOf(key) >= 0 && key.length === 1 ? "abcd".indexOf(key) : -1);
    if (index >= 0) {
      const input = radios(current)[index];
      if (input && !input.disabled) { input.checked = true; input.focus(); }
    } else if (key === "s") { $("btn-save").click(); }
    else if (key === "m" && !practice) { $("btn-mark").click(); }
    else if (clear && !practice) { $("btn-clear").click(); }
    else if (event.key === "ArrowRight") { show(nextPosition()); }
    else if (event.key === "ArrowLeft") { show(current - 1); }
    else return;
    event.preventDefault();
  });

  // ---- submit ----
  const dialog = $("confirm-submit");
  on("btn-submit", function () {
    const rows = data.sections.map(function (s) {
      const c = countStates(s.id);
      return "<tr><th scope='row'>" + escapeHtml(s.name) + "</th>" + Object.keys(LABELS).map((k) => "<td>" + c[k] + "</td>").join("") + "</tr>";
    });
    $("confirm-table").innerHTML = "<thead><tr><th scope='col'>" + escapeHtml(text.section) + "</th>" +
      Object.values(LABELS).map((l) => "<th scope='col'>" + escapeHtml(l) + "</th>").join("") + "</tr></thead><tbody>" + rows.join("") + "</tbody>";
    dialog.showModal();
  });
  on("confirm-no", () => dialog.close());
  on("confirm-yes", () => submit());

  // Resolve once every recorded step is acknowledged, or after `ms` (the server closes the paper anyway).
  function drain(ms) {
    const until = Date.now() + ms;
    return new Promise(function (resolve) {
      (function check() {
        if (!journal.length || Date.now() > until || isSignedOut) return resolve(!journal.length);
        if (!flushing) flush();
        setTimeout(check, 150);
      })();
    });
  }

  // Signed out, nothing can be sent or submitted: wait (the dialog asks the candidate to sign in again), then
  // send the journal, take a fresh token for the form, and submit.
  function submit() {
    if (submitting) return;
    submitting = true;
    (function attempt() {
      if (isSignedOut) { setTimeout(attempt, 1000); return; }
      drain(8000)
        .then(() => renewToken().catch(() => true)) // offline: the form is tried anyway, the journal stays here
        .then(function (ok) {
          if (ok === false || isSignedOut) { setTimeout(attempt, 1000); return; }
          $("submit-form").submit();
        });
    })();
  }

  // ---- clock: always recomputed from the server's deadlines, so it cannot drift ----
  const timer = $("timer");
  const announced = {};
  function say(text) { $("announce").textContent = text; }
  function tick() {
    if (!data.timed || submitting) return;
    const now = serverNow();
    const part = partAt(now);
    const said = []; // one announcement per tick: a part's change and its first warning are heard together
    if (part !== openPart) {
      openPart = part;
      if (part < 0) { timer.textContent = "00:00:00"; say(text.timeOver); submit(); return; }
      if (parts[part - 1]) said.push(t("partChange", { closed: parts[part - 1].name, open: parts[part].name }));
      const first = questions.findIndex((q) => inOpenPart(q.position));
      if (first >= 0) show(first);
    }
    if (openPart < 0) { submit(); return; }
    const left = Math.max(0, Math.ceil((parts[openPart].closes - now) / 1000));
    const h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    timer.textContent = [h, m, s].map((n) => String(n).padStart(2, "0")).join(":");
    [10, 5, 1].forEach(function (minutes) {
      const key = openPart + ":" + minutes;
      if (left <= minutes * 60 && left > minutes * 60 - 5 && !announced[key]) {
        announced[key] = true;
        const inPart = parts.length > 1 ? "In" : "";
        said.push(t((minutes === 1 ? "oneMinuteLeft" : "minutesLeft") + inPart, { minutes: minutes, part: parts[openPart].name }));
      }
    });
    if (said.length) say(said.join(" "));
  }
  setInterval(tick, 1000);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { tick(); flush(); } });

  let start = Number(localStorage.getItem(placeKey));
  if (!(start >= 0 && start < questions.length) || !inOpenPart(start)) {
    start = Math.max(0, questions.findIndex((q) => inOpenPart(q.position)));
  }
  current = start;
  if (data.timed && openPart < 0) { submit(); } else { show(start); tick(); }
})();
