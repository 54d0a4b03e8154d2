/* Drafts (drafts/forms.py): a textarea with data-draft-key keeps a draft on the server while the person types.
   - saves 1.5 s after typing stops, and at once on blur, when the tab is hidden and when the page goes away
     (fetch with keepalive);
   - shows a quiet status under the field ("Kladde gemt 10:42" / "Ikke gemt – ingen forbindelse, prøver igen");
   - keeps a copy in this browser (localStorage, per person and field) while the server can't be reached,
     and puts it back after a reload if it is newer than what the server had;
   - warns before leaving the page while a field holds text that was not saved by its form;
   - binds again after htmx swaps. The words come from the status element's data attributes (translated). */
(function () {
  "use strict";

  var WAIT = 1500;
  var RETRY = 5000;
  var fields = [];

  function storeKey(el) { return "slf-draft:" + el.getAttribute("data-draft-owner") + ":" + el.getAttribute("data-draft-key"); }

  function readLocal(el) {
    try { return JSON.parse(window.localStorage.getItem(storeKey(el)) || "null"); } catch (e) { return null; }
  }

  function writeLocal(el, value) {
    try {
      if (value === null) window.localStorage.removeItem(storeKey(el));
      else window.localStorage.setItem(storeKey(el), JSON.stringify(value));
    } catch (e) { /* storage full or off: the server copy is the net */ }
  }

  function statusOf(el) {
    var key = el.getAttribute("data-draft-key");
    var selector = '[data-draft-status="' + (window.CSS && CSS.escape ? CSS.escape(key) : key) + '"]';
    return (el.form && el.form.querySelector(selector)) || document.querySelector(selector);
  }

  function say(el, word, time, urgent) {
    var status = statusOf(el);
    if (!status) return;
    var text = status.getAttribute("data-" + word) || "";
    status.setAttribute("aria-live", urgent ? "polite" : "off");
    status.textContent = text.replace("%(time)s", time || "");
    status.classList.toggle("text-danger", !!urgent);
    status.classList.toggle("text-body-secondary", !urgent);
  }

  function versionInput(el) {
    return el.form ? el.form.querySelector('input[type="hidden"][name$="version"]') : null;
  }

  function csrfToken(el) {
    var input = (el.form && el.form.querySelector('input[name="csrfmiddlewaretoken"]')) ||
      document.querySelector('input[name="csrfmiddlewaretoken"]');
    if (input) return input.value;
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { return ""; }
  }

  function clock() {
    var now = new Date();
    return ("0" + now.getHours()).slice(-2) + ":" + ("0" + now.getMinutes()).slice(-2);
  }

  function send(el, keepalive) {
    var state = el._draft;
    window.clearTimeout(state.timer);
    if (!state.pending || state.done) return;
    if (state.inFlight) { state.again = true; return; }
    var text = el.value;
    var body = new FormData();
    body.append("text", text);
    var version = versionInput(el);
    if (version && version.value !== "") body.append("version", version.value);
    var options = { method: "POST", body: body, credentials: "same-origin", headers: { "X-CSRFToken": csrfToken(el) } };
    if (keepalive && text.length < 20000) options.keepalive = true;
    state.inFlight = true;
    if (!keepalive) say(el, "saving");
    fetch(el.getAttribute("data-draft-url"), options).then(function (response) {
      if (response.ok) return response.json().then(function (answer) {
        if (el.value === text) {
          state.pending = false;
          var local = readLocal(el);
          if (local && local.text === text) writeLocal(el, null);
        }
        say(el, "saved", answer.saved_at || clock());
      });
      if (response.status === 400) { say(el, "refused", "", true); return; }
      throw new Error("status " + response.status);
    }).catch(function () {
      say(el, "offline", "", true);
      state.timer = window.setTimeout(function () { send(el); }, RETRY);
    }).then(function () {
      state.inFlight = false;
      if (state.again) { state.again = false; send(el); }
    });
  }

  function changed(el) {
    var state = el._draft;
    state.pending = true;
    state.touched = true;
    var version = versionInput(el);
    var local = readLocal(el) || {};
    writeLocal(el, { text: el.value, version: local.version !== undefined ? local.version : (version ? version.value : ""), at: Date.now() });
    window.clearTimeout(state.timer);
    state.timer = window.setTimeout(function () { send(el); }, WAIT);
  }

  function dirty(el) {
    if (!el.isConnected || el._draft.done) return false;
    return el._draft.touched || el.value !== el.defaultValue ||
      el.hasAttribute("data-draft-restored") || el.hasAttribute("data-draft-unsaved");
  }

  function restoreLocal(el) {
    var local = readLocal(el);
    if (!local) return;
    var serverAt = Date.parse(el.getAttribute("data-draft-restored") || "") || 0;
    if (local.submitted) {
      // The form was sent with this text. The server dropped its draft if the save went through.
      if (!el.hasAttribute("data-draft-restored") || local.text === el.value) writeLocal(el, null);
      return;
    }
    if (local.text === el.value) { writeLocal(el, null); return; }
    if (local.at <= serverAt) return;
    el.value = local.text;
    var version = versionInput(el);
    if (version && local.version !== undefined && local.version !== "") version.value = local.version;
    el._draft.touched = true;
    el._draft.pending = true;
    say(el, "local", "", true);
    send(el);
  }

  function bind(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var list = Array.prototype.slice.call(scope.querySelectorAll("textarea[data-draft-key]"));
    if (scope.matches && scope.matches("textarea[data-draft-key]")) list.push(scope);
    list.forEach(function (el) {
      if (el._draft) return;
      el._draft = { timer: 0, pending: false, touched: false, done: false };
      fields.push(el);
      el.addEventListener("input", function () { changed(el); });
      // On leaving the field: saved at once, unless the blur was a click on the form's own save button.
      el.addEventListener("blur", function () {
        window.clearTimeout(el._draft.timer);
        el._draft.timer = window.setTimeout(function () { send(el, false); }, 200);
      });
      if (el.form && !el.form._draftBound) {
        el.form._draftBound = true;
        el.form.addEventListener("submit", function (event) {
          var form = event.target;
          var submitter = event.submitter;
          var discarding = submitter && submitter.hasAttribute("data-draft-discard");
          fields.forEach(function (f) {
            if (f.form !== form || !f._draft) return;
            f._draft.done = true;
            window.clearTimeout(f._draft.timer);
            if (discarding) writeLocal(f, null);
            else writeLocal(f, { text: f.value, submitted: true, at: Date.now() });
          });
        });
      }
      restoreLocal(el);
    });
    fields = fields.filter(function (f) { return f.isConnected || f._draft.pending; });
  }

  function flush() {
    fields.forEach(function (el) { if (el._draft.pending) send(el, true); });
  }

  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") flush(); });
  window.addEventListener("pagehide", flush);
  window.addEventListener("online", function () { fields.forEach(function (el) { if (el._draft.pending) send(el); }); });
  window.addEventListener("beforeunload", function (event) {
    var unsaved = fields.filter(dirty);
    if (!unsaved.length) return undefined;
    flush();
    var status = statusOf(unsaved[0]);
    var message = (status && status.getAttribute("data-leave")) || "";
    event.preventDefault();
    event.returnValue = message;
    return message;
  });
  document.addEventListener("htmx:load", function (event) { bind(event.detail && event.detail.elt); });
  // A form sent by htmx that never reached the server: its fields keep saving drafts.
  document.addEventListener("htmx:sendError", function (event) {
    var form = event.detail && event.detail.elt && (event.detail.elt.form || event.detail.elt.closest("form"));
    fields.forEach(function (el) {
      if (el.form === form && el.isConnected) { el._draft.done = false; el._draft.pending = true; say(el, "offline", "", true); }
    });
  });
  bind(document);
})();
