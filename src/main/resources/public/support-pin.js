// Live countdown for a freshly generated Support PIN. The page already states the expiry in UTC;
// this adds the visitor's local time and the minutes left. Time left is measured from the server's
// clock at render (data-server-now), so a wrong clock on the visitor's device does not matter.
(function () {
  'use strict';

  var expiry = document.querySelector('[data-expires-at]');
  var countdown = document.getElementById('pin-countdown');
  if (!expiry || !countdown) {
    return;
  }
  var expiresAt = Date.parse(expiry.getAttribute('data-expires-at'));
  var serverNow = Date.parse(expiry.getAttribute('data-server-now'));
  if (isNaN(expiresAt) || isNaN(serverNow)) {
    return;
  }
  var loadedAt = Date.now();

  var localTime = document.getElementById('pin-local-time');
  if (localTime && new Date(expiresAt).getTimezoneOffset() !== 0) {
    localTime.textContent = ' (' + new Date(expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
        + ' your time)';
  }

  function pad(number) {
    return number < 10 ? '0' + number : String(number);
  }

  var timer = null;
  function tick() {
    var left = expiresAt - serverNow - (Date.now() - loadedAt);
    if (left <= 0) {
      countdown.textContent = 'This PIN has expired. Generate a new one before you call.';
      countdown.className = 'countdown expired';
      if (timer !== null) {
        clearInterval(timer);
      }
      return;
    }
    var seconds = Math.floor(left / 1000);
    countdown.textContent = Math.floor(seconds / 60) + ':' + pad(seconds % 60) + ' left before it expires';
  }

  countdown.hidden = false;
  tick();
  timer = setInterval(tick, 1000);
}());
