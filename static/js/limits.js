/* Visible text limits (slf/limits.py): a field with data-max-length gets a counter under it.
   The counter appears once the text nears the limit ("N characters left") and says when it is over
   ("N characters too many"); the browser never cuts the text, the server refuses a text that is too long.
   Screen readers hear the count when the person pauses typing, not on every key.
   The words come from this script tag's data attributes (translated by the server). */
(function () {
  "use strict";

  var script = document.currentScript;
  var words = {
    leftOne: (script && script.getAttribute("data-left-one")) || "%(n)s character left",
    leftMany: (script && script.getAttribute("data-left-many")) || "%(n)s characters left",
    overOne: (script && script.getAttribute("data-over-one")) || "%(n)s character too many",
    overMany: (script && script.getAttribute("data-over-many")) || "%(n)s characters too many"
  };
  // Shown from this share of the limit on (and always within the last 100 characters of a short field).
  var NEAR = 0.8;
  var seen = 0;

  function say(template, n) { return template.replace("%(n)s", String(n)); }

  function length(field) {
    // Count as the server does: characters, with line breaks sent as CR LF by the browser.
    var value = field.value || "";
    var breaks = (value.match(/\n/g) || []).length;
    return value.length + breaks - (value.match(/\r\n/g) || []).length;
  }

  function describe(field, id) {
    var ids = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (ids.indexOf(id) < 0) ids.push(id);
    field.setAttribute("aria-describedby", ids.join(" "));
  }

  function update(field, state, announce) {
    var limit = parseInt(field.getAttribute("data-max-length"), 10);
    var used = length(field);
    var left = limit - used;
    var near = used >= limit * NEAR || left <= Math.min(100, limit * 0.5);
    var text = "";
    if (left < 0) text = say(-left === 1 ? words.overOne : words.overMany, -left);
    else if (near) text = say(left === 1 ? words.leftOne : words.leftMany, left);
    state.counter.textContent = text;
    state.counter.hidden = !text;
    state.counter.classList.toggle("text-danger", left < 0);
    state.counter.classList.toggle("fw-semibold", left < 0);
    window.clearTimeout(state.timer);
    if (announce && text !== state.spoken) {
      state.timer = window.setTimeout(function () {
        state.live.textContent = text;
        state.spoken = text;
      }, 1000);
    }
  }

  function setUp(field) {
    if (field.hasAttribute("data-limit-ready")) return;
    field.setAttribute("data-limit-ready", "");
    seen += 1;
    var id = (field.id || "limited-" + seen) + "-limit";
    var counter = document.createElement("div");
    counter.className = "form-text limit-counter";
    counter.id = id;
    counter.hidden = true;
    var live = document.createElement("div");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    var anchor = field;
    // After the field's own help and error texts, so the counter reads as part of the field.
    while (anchor.nextElementSibling && /(invalid-feedback|form-text)/.test(anchor.nextElementSibling.className)) {
      anchor = anchor.nextElementSibling;
    }
    anchor.insertAdjacentElement("afterend", counter);
    counter.insertAdjacentElement("afterend", live);
    describe(field, id);
    var state = { counter: counter, live: live, timer: 0, spoken: "" };
    field.addEventListener("input", function () { update(field, state, true); });
    update(field, state, false);
  }

  function scan(root) {
    if (!root || !root.querySelectorAll) return;
    if (root.matches && root.matches("[data-max-length]")) setUp(root);
    root.querySelectorAll("[data-max-length]").forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", function () { scan(document.body); });
  // htmx fires htmx:load on every piece of content it adds.
  document.addEventListener("htmx:load", function (event) { scan(event.target); });
})();
