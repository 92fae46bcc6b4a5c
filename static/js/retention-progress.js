/*
 * The operations page: while a retention run is going on, reloads its progress fragment
 * every 5 seconds from this site (nothing from elsewhere). Without JavaScript the page shows
 * the progress as it was when it was opened.
 */
(function () {
  "use strict";
  var box = document.getElementById("run-progress");
  if (!box || !box.dataset.url || !window.fetch) {
    return;
  }
  function running() {
    var state = document.getElementById("run-progress-state");
    return state && state.dataset.running === "true";
  }
  function poll() {
    if (!running()) {
      return;
    }
    fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (html) {
        box.innerHTML = html;
        window.setTimeout(poll, 5000);
      })
      .catch(function () {
        window.setTimeout(poll, 15000);
      });
  }
  window.setTimeout(poll, 5000);
})();
