// Live countdowns: each [data-deadline] counts down from the service's time (data-now, which a test
// clock may have moved), not the browser's, and turns red once the deadline passes.
(function () {
  var items = document.querySelectorAll('[data-deadline]');
  if (!items.length) { return; }
  var offset = Number(items[0].getAttribute('data-now')) - Date.now();
  function span(ms) {
    var sign = ms < 0 ? '-' : '', s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    if (d > 0) { return sign + d + 'd ' + h + 'h'; }
    if (h > 0) { return sign + h + 'h ' + m + 'm'; }
    return sign + m + 'm ' + (s % 60) + 's';
  }
  function tick() {
    var now = Date.now() + offset;
    items.forEach(function (el) {
      var left = Number(el.getAttribute('data-deadline')) - now;
      el.textContent = span(left);
      if (left < 0 && !el.classList.contains('breach')) {
        el.classList.remove('ok', 'warn');
        el.classList.add('breach');
      }
    });
  }
  setInterval(tick, 1000);
})();
