// The DEST typing screen: the clock from the server's deadline, the word-count stop on the space bar, pasting
// refused, and the journal. The latest text is kept in localStorage with its own id and time until the server
// acknowledges it (as the exam's step journal does), so a reload, a dropped connection or a server restart loses
// nothing; the server keeps the newest text by its time and ignores one it already holds.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("typing-data").textContent);
  const urls = JSON.parse(document.getElementById("typing-urls").textContent);
  const phrases = JSON.parse(document.getElementById("typing-text").textContent); // in the interface language
  // A sentence of `phrases` with its {name} marks filled in.
  function say(key, values) {
    return phrases[key].replace(/\{(\w+)\}/g, (mark, name) => String(values[name]));
  }
  const $ = (id) => document.getElementById(id);
  const box = $("typing");
  const journalKey = "aso-typing-" + data.attempt;
  const deadline = Date.parse(data.deadline);
  let csrf = document.querySelector('meta[name="csrf-token"]').content;
  let offset = Date.parse(data.serverNow) - Date.now(); // server time = Date.now() + offset
  let keys = data.keys;
  let pastes = data.pastes;
  let pending = loadJournal(); // the newest text the server has not acknowledged, or null
  let flushing = false;
  let submitting = false;
  let typingTimer = null;

  function serverNow() { return Date.now() + offset; }
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  function loadJournal() {
    try { return JSON.parse(localStorage.getItem(journalKey)); } catch (e) { return null; }
  }
  function saveJournal() {
    try {
      if (pending) localStorage.setItem(journalKey, JSON.stringify(pending)); else localStorage.removeItem(journalKey);
    } catch (e) { /* storage full or off: keep it in memory */ }
  }

  // What this device typed after the server's copy wins; an older copy here is dropped.
  let text = data.text;
  if (pending && (!data.textAt || Date.parse(pending.at) > Date.parse(data.textAt))) {
    text = pending.text;
    keys = Math.max(keys, pending.keys || 0);
    pastes = Math.max(pastes, pending.pastes || 0);
  } else if (pending) {
    pending = null;
    saveJournal();
  }
  box.value = text;

  function words(value) { return value.split(/\s+/).filter(Boolean).length; }
  function showCounts() {
    $("count-words").textContent = words(box.value);
    $("count-keys").textContent = box.value.replace(/\s+$/, "").length;
    $("saved-state").textContent = pending ? phrases.saving : phrases.saved;
  }
  showCounts();

  let noticeTimer = null;
  function notice(message) {
    const el = $("notice");
    el.textContent = message;
    el.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { el.hidden = true; }, 6000);
  }

  // ---- the journal ----
  function record() {
    pending = { id: newId(), text: box.value, at: new Date(serverNow()).toISOString(), keys: keys, pastes: pastes };
    saveJournal();
    showCounts();
    flush();
  }

  function flush() {
    if (flushing || !pending || submitting) return;
    flushing = true;
    const sent = pending;
    const start = Date.now();
    fetch(urls.text, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(sent),
    }).then(function (response) {
      if (response.status === 409) { pending = null; saveJournal(); location.reload(); return false; } // time over
      if (response.status === 401) { notice(phrases.signedOut); return false; }
      if (response.status === 400) {
        return response.json().catch(() => ({})).then(function (body) {
          if (body.code === "csrf") return renewToken();
          notice(body.error || phrases.refused);
          if (pending === sent) { pending = null; saveJournal(); }
          return true;
        });
      }
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json().then(function (body) {
        offset = Date.parse(body.server_now) - (start + Date.now()) / 2;
        const reason = body.refused[sent.id];
        if (reason) notice(say("notSaved", { reason: reason }));
        if (pending === sent) { pending = null; saveJournal(); }
        $("offline-banner").hidden = true;
        return true;
      });
    }).catch(function () {
      $("offline-banner").hidden = false;
      return false;
    }).then(function (ok) {
      flushing = false;
      showCounts();
      if (pending && !submitting) setTimeout(flush, ok ? 0 : 3000);
    });
  }

  function renewToken() {
    return fetch(urls.token, { credentials: "same-origin", headers: { "Accept": "application/json" }, cache: "no-store" })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error("HTTP " + response.status))))
      .then(function (body) {
        csrf = body.csrf_token;
        document.querySelector('meta[name="csrf-token"]').content = csrf;
        document.querySelectorAll('input[name="csrf_token"]').forEach((input) => { input.value = csrf; });
        return true;
      });
  }

  window.addEventListener("online", flush);
  setInterval(flush, 5000);
  document.addEventListener("visibilitychange", function () { if (document.hidden && pending) flush(); });

  // ---- typing rules ----
  function refusePaste(event) {
    event.preventDefault();
    pastes += 1;
    notice(phrases.noPaste);
  }
  box.addEventListener("paste", refusePaste);
  box.addEventListener("drop", refusePaste);
  box.addEventListener("beforeinput", function (event) {
    const type = event.inputType || "";
    if (type === "insertFromPaste" || type === "insertFromDrop" || type === "insertReplacementText" || type === "insertFromYank") {
      event.preventDefault();
    }
  });
  box.addEventListener("keydown", function (event) {
    if (submitting) { event.preventDefault(); return; }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Enter") {
      event.preventDefault();
      notice(phrases.noEnter);
      return;
    }
    if (event.key === " " && spaceStops()) {
      event.preventDefault();
      notice(say("allTyped", { words: data.words }));
      return;
    }
    if (event.key.length === 1 || event.key === "Backspace" || event.key === "Delete") keys += 1;
  });
  // A space would start a new word after the passage's last one: the real test's space bar stops there.
  function spaceStops() {
    const before = box.value.slice(0, box.selectionStart);
    const after = box.value.slice(box.selectionEnd);
    const joinsWords = /\S$/.test(before) && (after === "" || /^\S/.test(after));
    return joinsWords && words(box.value) >= data.words;
  }
  box.addEventListener("input", function () {
    showCounts();
    $("saved-state").textContent = phrases.saving;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(record, 800);
  });

  // ---- submit ----
  function submit() {
    if (submitting) return;
    clearTimeout(typingTimer);
    if (!pending || pending.text !== box.value) record();
    submitting = true;
    box.readOnly = true;
    const form = $("submit-form");
    form.querySelector('[name="step_id"]').value = pending ? pending.id : "";
    form.querySelector('[name="text"]').value = pending ? pending.text : "";
    form.querySelector('[name="at"]').value = pending ? pending.at : "";
    $("submit-keys").value = keys;
    $("submit-pastes").value = pastes;
    renewToken().catch(() => true).then(() => form.submit()); // the form carries the text: sent even offline-then-online
  }
  const dialog = $("confirm-submit");
  $("btn-submit").addEventListener("click", function () {
    $("confirm-text").textContent = say("confirm", { typed: words(box.value), total: data.words });
    dialog.showModal();
  });
  $("confirm-no").addEventListener("click", () => dialog.close());
  $("confirm-yes").addEventListener("click", function () { dialog.close(); submit(); });

  // ---- the clock, always recomputed from the server's deadline ----
  const timer = $("timer");
  const announced = {};
  function tick() {
    if (submitting) return;
    const left = Math.max(0, Math.ceil((deadline - serverNow()) / 1000));
    const m = Math.floor(left / 60), s = left % 60;
    timer.textContent = String(m).padStart(2, "0") + ":" + String(s).padStart(2, "0");
    [5, 1].forEach(function (minutes) {
      if (left <= minutes * 60 && left > minutes * 60 - 5 && !announced[minutes]) {
        announced[minutes] = true;
        $("announce").textContent = minutes === 1 ? phrases.oneMinute : say("minutesLeft", { minutes: minutes });
      }
    });
    if (left === 0) {
      $("announce").textContent = phrases.timeOver;
      submit();
    }
  }
  setInterval(tick, 1000);
  tick();

  const noKeyboard = window.matchMedia("(hover: none) and (pointer: coarse)").matches;
  if (noKeyboard && data.kind === "test") {
    notice(phrases.touch);
  }
  if (pending) flush();
  box.focus();
})();
