/* SLF Logbook: the little JavaScript there is. Everything works without it. */
(function () {
  "use strict";

  function announce(text) {
    var region = document.getElementById("live-region");
    if (!region || !text) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  // Server side: django-htmx's trigger_client_event(response, "announce", {"message": "..."}).
  document.addEventListener("announce", function (event) {
    var detail = event.detail || {};
    announce(detail.message || detail.value);
  });

  // After a swap, move focus to what the server marked with data-focus,
  // else keep it inside the swapped element, so keyboard users don't get lost.
  document.addEventListener("htmx:afterSettle", function (event) {
    // With an outerHTML swap the old target is gone; find its replacement by id.
    var target = event.detail.target || event.target;
    if (target && !target.isConnected && target.id) target = document.getElementById(target.id);
    if (!target || !target.querySelector) return;
    var focus = target.matches && target.matches("[data-focus]") ? target : target.querySelector("[data-focus]");
    if (!focus) {
      var invalid = target.querySelector(".is-invalid");
      if (invalid) focus = invalid;
    }
    if (focus) {
      if (!focus.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(focus.tagName)) {
        focus.setAttribute("tabindex", "-1");
      }
      focus.focus();
    }
    var message = target.querySelector("[data-announce]");
    if (message) announce(message.getAttribute("data-announce"));
  });

  // A confirm step for destructive buttons without inline script: data-confirm="Question?"
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var question = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);

  // Print buttons: <button data-print> (hidden when printing and without JavaScript).
  document.addEventListener("click", function (event) {
    var el = event.target.closest && event.target.closest("[data-print]");
    if (el) window.print();
  });

  // Auto-submit selects in filter forms (they also have a submit button).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-autosubmit]") && el.form) {
      if (el.form.requestSubmit) el.form.requestSubmit(); else el.form.submit();
    }
  });

  // Glossary explanations: Escape hides the one shown (WCAG 1.4.13); it shows again on the next focus or hover.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".glossary").forEach(function (el) { el.classList.add("dismissed"); });
  });
  ["focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var el = event.target.closest && event.target.closest(".glossary");
      if (el) el.classList.remove("dismissed");
    });
  });
})();
