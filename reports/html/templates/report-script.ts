// The HTML report's one script (its hash is in the page's Content-Security-Policy). The page works without it
// (<details> open and close natively); it adds expand/collapse-all, a failures-only filter, j/k between tests,
// opening the target of an evidence link, and opening tests and cited evidence for printing. It reads the DOM
// only: it never turns text into markup.
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var all = function (selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); };
  var setOpen = function (selector, open) { all(selector).forEach(function (d) { d.open = open; }); };
  document.getElementById('expand-tests').addEventListener('click', function () { setOpen('details.test', true); });
  document.getElementById('collapse-all').addEventListener('click', function () { setOpen('details', false); });
  var filter = document.getElementById('only-problems');
  filter.addEventListener('change', function () { document.body.classList.toggle('only-problems', filter.checked); });

  // An evidence link points into a test or an exchange that may sit in closed <details>: open the way to it.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    for (var node = target; node; node = node.parentElement) if (node.tagName === 'DETAILS') node.open = true;
    target.scrollIntoView({ block: 'start' });
    var summary = target.querySelector('summary');
    if (summary) summary.focus({ preventScroll: true });
  }
  window.addEventListener('hashchange', reveal);
  reveal();

  // j / k move between the tests that are shown; Enter and Space open them (native <summary> behaviour).
  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key !== 'j' && event.key !== 'k') return;
    var tag = event.target && event.target.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
    var summaries = all('details.test > summary').filter(function (s) { return s.offsetParent !== null; });
    if (summaries.length === 0) return;
    var at = summaries.indexOf(document.activeElement);
    var next = event.key === 'j' ? Math.min(at + 1, summaries.length - 1) : Math.max(at - 1, 0);
    if (at === -1) next = event.key === 'j' ? 0 : summaries.length - 1;
    summaries[next].focus();
    summaries[next].scrollIntoView({ block: 'nearest' });
    event.preventDefault();
  });

  // Print what a reviewer needs on paper: every test, and the exchanges cited as evidence, opened; then as before.
  var reopened = [];
  window.addEventListener('beforeprint', function () {
    reopened = all('details.test:not([open]), details.exchange.cited:not([open])');
    reopened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    reopened.forEach(function (d) { d.open = false; });
    reopened = [];
  });
  document.documentElement.setAttribute('data-ready', 'true');
})();
`;
