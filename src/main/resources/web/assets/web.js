// Live countdowns: each [data-deadline] counts down from the service's time (data-now, which a test
// clock may have moved), not the browser's, in the page's words (the body's data-units, data-left,
// data-overdue: "3 h 12 m left", "overdue by 1 h 0 m"), and turns red once the deadline passes.
(function () {
  var items = document.querySelectorAll('[data-deadline]');
  if (!items.length) { return; }
  var body = document.body.dataset;
  var units = (body.units || 'd|h|m|s').split('|');
  var offset = Number(items[0].getAttribute('data-now')) - Date.now();
  function span(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    if (d > 0) { return d + ' ' + units[0] + ' ' + h + ' ' + units[1]; }
    if (h > 0) { return h + ' ' + units[1] + ' ' + m + ' ' + units[2]; }
    if (m > 0) { return m + ' ' + units[2] + ' ' + (s % 60) + ' ' + units[3]; }
    return s + ' ' + units[3];
  }
  function words(ms) {
    return (ms < 0 ? body.overdue || 'overdue by {0}' : body.left || '{0} left').replace('{0}', span(ms));
  }
  function tick() {
    var now = Date.now() + offset;
    items.forEach(function (el) {
      var left = Number(el.getAttribute('data-deadline')) - now;
      el.textContent = words(left);
      if (left < 0 && !el.classList.contains('breach')) {
        el.classList.remove('ok', 'warn');
        el.classList.add('breach');
      }
    });
  }
  setInterval(tick, 1000);
})();

// Confirmation before a state-changing action: a form with data-confirm asks first ("{field}" in
// the question is the value of the form's field of that name, e.g. the chosen resolution). Without
// script the form submits as it is: the action is the same command either way.
document.addEventListener('submit', function (event) {
  var form = event.target;
  var question = form.getAttribute && form.getAttribute('data-confirm');
  if (!question) { return; }
  question = question.replace(/\{(\w+)\}/g, function (whole, name) {
    var field = form.elements[name];
    return field && field.value ? field.value : '';
  }).replace(/\s+/g, ' ').trim();
  if (!window.confirm(question)) { event.preventDefault(); }
});
