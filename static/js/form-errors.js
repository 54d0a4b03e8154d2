/* Errors of a refused form, in view: on page load and after every htmx swap, the first invalid field
   (or an error summary, [data-error-summary]) is scrolled into view and focused, each invalid field is
   marked aria-invalid and described by its message, and the message is said in the live region.
   Without JavaScript the form's action carries the field's #anchor, so the page opens at the error. */
(function () {
  "use strict";

  var seen = 0;

  function link(field) {
    field.setAttribute("aria-invalid", "true");
    var group = field.closest(".mb-3, .form-group, .col, [class*='col-'], fieldset, form") || field.parentElement;
    var feedback = group ? group.querySelectorAll(".invalid-feedback, .errorlist") : [];
    var ids = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    feedback.forEach(function (el) {
      if (!el.id) { seen += 1; el.id = "field-error-" + seen; }
      if (ids.indexOf(el.id) < 0) ids.push(el.id);
    });
    if (ids.length) field.setAttribute("aria-describedby", ids.join(" "));
    return feedback.length ? feedback[0].textContent.trim() : "";
  }

  function invalidFields(root) {
    return Array.prototype.filter.call(
      root.querySelectorAll(".is-invalid, [aria-invalid='true']"),
      function (el) { return /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) || el.querySelector("input, select, textarea"); }
    ).map(function (el) {
      return /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) ? el : el.querySelector("input, select, textarea");
    });
  }

  function announce(text) {
    var region = document.getElementById("live-region");
    if (!region || !text) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 60);
  }

  function show(root) {
    if (!root || !root.querySelectorAll) return;
    var fields = invalidFields(root);
    var messages = fields.map(link);
    var summary = root.querySelector("[data-error-summary]");
    var first = summary || fields[0];
    if (!first) return;
    if (first === summary && !summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    first.scrollIntoView({ block: "center" });
    first.focus({ preventScroll: true });
    var label = first.id && document.querySelector("label[for='" + first.id + "']");
    var text = summary ? summary.textContent.trim() : [label ? label.textContent.trim() : "", messages[0]].filter(Boolean).join(": ");
    announce(text);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var main = document.getElementById("main") || document.body;
    show(main);
  });
  // After app.js has moved focus to [data-focus]: an error in what was swapped wins.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target || event.target;
    if (target && !target.isConnected && target.id) target = document.getElementById(target.id);
    window.setTimeout(function () { show(target); }, 0);
  });
})();
