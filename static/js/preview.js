// Live preview in the question and passage-group editors: every text is rendered by the server with the renderer
// candidates see, into the element "preview-<field name>" where the editor has one. Hindi texts without such an
// element (the question editor's) are still sent: they are checked for words the sanitiser would drop.
(function () {
  "use strict";
  const form = document.querySelector("form[data-preview-url]");
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const previewed = /^(hindi_)?passage$|^(members-\d+-)?(hindi_)?(stem|option_[a-d]|explanation)$/;
  let timer = null;

  function refresh() {
    const payload = {};
    Array.from(form.elements).forEach((el) => { if (previewed.test(el.name)) payload[el.name] = el.value; });
    fetch(form.dataset.previewUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(payload),
    }).then((r) => r.ok ? r.json() : null).then(function (body) {
      if (!body) return;
      // Words the sanitiser drops would never reach a candidate: say which, beside the preview.
      const warnings = document.getElementById("preview-warnings");
      warnings.replaceChildren(...(body.warnings || []).map((text) => {
        const item = document.createElement("li");
        item.textContent = text;
        return item;
      }));
      warnings.hidden = !(body.warnings || []).length;
      Object.keys(payload).forEach((name) => {
        const target = document.getElementById("preview-" + name);
        if (!target) return;
        const html = body.html[name] || "";
        // An option is one line: drop the paragraph the renderer wraps it in.
        target.innerHTML = /option_[a-d]$/.test(name) ? html.replace(/^<p>|<\/p>$/g, "") : html;
      });
    });
  }
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(refresh, 250); });
  refresh();
})();
