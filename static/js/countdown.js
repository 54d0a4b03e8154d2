// The time left of the current agenda item in the room view (meetings/meeting_room.html). The server renders the
// clock times and a first reading; this keeps the reading going every second. Texts come from data attributes
// ({time} is replaced by m:ss), so they are translated with the page. No JavaScript: the times still show.
(function () {
  "use strict";

  function reading(el, now) {
    var start = Date.parse(el.dataset.countdownStart);
    var end = Date.parse(el.dataset.countdownEnd);
    var text, ms;
    if (now < start) {
      text = el.dataset.textBefore;
      ms = start - now;
    } else if (now < end) {
      text = el.dataset.textLeft;
      ms = end - now;
    } else {
      text = el.dataset.textOver;
      ms = now - end;
    }
    var total = Math.floor(ms / 1000);
    var minutes = Math.floor(total / 60);
    var seconds = total % 60;
    el.classList.toggle("is-over", now >= end);
    el.classList.toggle("is-ending", now < end && end - now <= 2 * 60 * 1000 && now >= start);
    return text.replace("{time}", minutes + ":" + (seconds < 10 ? "0" : "") + seconds);
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-countdown-end]").forEach(function (el) {
      var value = reading(el, now);
      if (el.textContent !== value) {
        el.textContent = value;
      }
    });
  }

  function start() {
    if (!document.querySelector("[data-countdown-end]")) {
      return;
    }
    tick();
    window.setInterval(tick, 1000);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
