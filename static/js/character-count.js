/*
 * Shows how many characters are left in a text area with a limit. Progressive enhancement:
 * without JavaScript the limit is in the field's description and the server enforces it.
 * The visible count follows every key; screen readers hear it once the typing pauses.
 */
(function () {
  "use strict";

  function textFor(counter, left) {
    if (left <= 0) {
      return counter.dataset.textNone;
    }
    var template = left === 1 ? counter.dataset.textOne : counter.dataset.textOther;
    return template.replace("{count}", left.toLocaleString(document.documentElement.lang));
  }

  function attach(counter) {
    var field = document.getElementById(counter.dataset.counterFor);
    var live = document.getElementById(counter.id + "_live");
    var limit = parseInt(counter.dataset.limit, 10);
    var timer = null;
    if (!field || !live || !limit) {
      return;
    }
    function update(announce) {
      var text = textFor(counter, limit - field.value.length);
      counter.textContent = text;
      counter.classList.toggle("portal-counter--full", field.value.length >= limit);
      if (announce) {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          live.textContent = text;
        }, 1000);
      }
    }
    counter.hidden = false;
    update(false);
    field.addEventListener("input", function () {
      update(true);
    });
  }

  document.querySelectorAll("[data-counter-for]").forEach(attach);
})();
