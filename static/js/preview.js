// Live preview in the question editor: the server renders with the same renderer candidates see.
(function () {
  "use strict";
  const form = document.getElementById("question-form");
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const fields = ["stem", "option_a", "option_b", "option_c", "option_d", "explanation"];
  // The Hindi texts are not previewed, but they are checked for words the sanitiser would drop.
  const checked = fields.concat(fields.map((name) => "hindi_" + name));
  let timer = null;

  function refresh() {
    const payload = {};
    checked.forEach((name) => { payload[name] = form.elements[name].value; });
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
      fields.forEach((name) => {
        const html = body.html[name] || "";
        // An option is one line: drop the paragraph the renderer wraps it in.
        document.getElementById("preview-" + name).innerHTML = name.startsWith("option_") ? html.replace(/^<p>|<\/p>$/g, "") : html;
      });
    });
  }
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(refresh, 250); });
  refresh();
})();
