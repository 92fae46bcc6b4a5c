/*
 * Anonymous visitor statistics, as the website privacy statement promises: tells this site
 * which page was shown and, when it is left, for how many seconds. No cookie, no identifier,
 * nothing sent anywhere else. Without JavaScript the page works the same, just uncounted.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var endpoint = script && script.dataset.endpoint;
  if (!endpoint || !navigator.sendBeacon) {
    return;
  }
  var path = window.location.pathname;
  var shownAt = Date.now();
  var left = false;

  function send(event, seconds) {
    var data = new URLSearchParams({ path: path, event: event, seconds: String(seconds || 0) });
    navigator.sendBeacon(endpoint, data);
  }

  send("view");
  window.addEventListener("pagehide", function () {
    if (!left) {
      left = true;
      send("leave", Math.round((Date.now() - shownAt) / 1000));
    }
  });
})();
