// The HTML report's stylesheet: readable on a laptop and in print, no horizontal scrolling for normal content
// (long ids, URLs and bodies wrap), outcomes shown in words as well as colours, dark mode when the reader asks.
export const REPORT_STYLE = `
:root { --fg: #1f2328; --muted: #59636e; --bg: #fff; --panel: #f6f8fa; --line: #d1d9e0;
  --pass: #1a7f37; --fail: #cf222e; --skip: #59636e; --error: #8250df; --warn: #9a6700; --info: #0969da; --mark: #fff8c5; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d;
  --pass: #3fb950; --fail: #f85149; --skip: #9198a1; --error: #ab7df8; --warn: #d29922; --info: #4493f8; --mark: #3b2e00; } }
* { box-sizing: border-box; }
html { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--fg); background: var(--bg); }
body { margin: 0 auto; max-width: 78rem; padding: 0 1.25rem 3rem; }
code, kbd, pre, .headers, .tid, .xid, .off, .verb, .path, .st, .lat { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.86rem; }
code, pre, td, dd, summary, .headers, .reason { overflow-wrap: anywhere; }
pre { white-space: pre-wrap; margin: 0.3rem 0; padding: 0.5rem 0.6rem; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; }
h1 { font-size: 1.5rem; margin: 0.2rem 0 0.8rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.6rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
h3 { font-size: 1rem; } h4 { font-size: 0.95rem; margin: 0.9rem 0 0.3rem; } h5 { font-size: 0.85rem; margin: 0.7rem 0 0.2rem; color: var(--muted); }
a { color: var(--info); }
:focus-visible { outline: 2px solid var(--info); outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 0.5rem; background: var(--bg); padding: 0.3rem; }
.tool, .note, .bnote, .nobody, .at, .lat, .off, .dur, .keys, footer { color: var(--muted); }
.top { padding-top: 1rem; }
.sub { margin: -0.4rem 0 0.8rem; color: var(--muted); }
.verdict { border-left: 6px solid var(--skip); background: var(--panel); padding: 0.6rem 1rem; border-radius: 4px; }
.verdict .headline { font-size: 1.15rem; font-weight: 600; margin: 0.2rem 0; }
.v-pass { border-color: var(--pass); } .v-fail { border-color: var(--fail); } .v-error { border-color: var(--error); }
.verdict ul { margin: 0.3rem 0; padding-left: 1.2rem; } .notes { color: var(--muted); }
.milestones, .counts { list-style: none; padding: 0; margin: 0.8rem 0; }
.milestones li { padding: 0.35rem 0.7rem; margin: 0.3rem 0; border-left: 6px solid var(--skip); }
.milestones li span { display: block; color: var(--muted); font-size: 0.9rem; }
.m-ready { border-color: var(--pass) !important; } .m-not-ready { border-color: var(--fail) !important; } .m-incomplete { border-color: var(--warn) !important; }
.counts { display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; }
.counts b { font-size: 1.15rem; }
.c-pass b { color: var(--pass); } .c-fail b { color: var(--fail); } .c-error b { color: var(--error); } .c-skip b { color: var(--skip); } .c-xfail b { color: var(--warn); }
.toolbar { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; padding: 0.45rem 0; background: var(--bg); border-bottom: 1px solid var(--line); }
button { font: inherit; font-size: 0.9rem; padding: 0.2rem 0.7rem; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); color: var(--fg); cursor: pointer; }
.keys { font-size: 0.85rem; }
kbd { border: 1px solid var(--line); border-radius: 4px; padding: 0 0.3rem; }
dl.facts, dl.xfacts { display: grid; grid-template-columns: minmax(7rem, max-content) minmax(0, 1fr); gap: 0.15rem 1rem; margin: 0.4rem 0; }
dt { font-weight: 600; color: var(--muted); } dd { margin: 0; min-width: 0; }
.cmd { display: block; }
dl.meta { display: flex; flex-wrap: wrap; gap: 0.1rem 1.4rem; margin: 0.3rem 0 0.5rem; font-size: 0.9rem; }
dl.meta > div { display: flex; gap: 0.4rem; min-width: 0; }
table.grid { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 0.92rem; }
.grid th, .grid td { text-align: left; vertical-align: top; padding: 0.3rem 0.45rem; border-bottom: 1px solid var(--line); }
.overview th:nth-child(1) { width: 10rem; } .overview th:nth-child(3) { width: 6.5rem; } .overview th:nth-child(4) { width: 5rem; }
.coverage th:nth-child(1) { width: 32%; } .coverage th:nth-child(2) { width: 36%; } .coverage th:nth-child(4) { width: 9rem; }
.cov-pass td:last-child { color: var(--pass); } .cov-fail td:last-child { color: var(--fail); font-weight: 600; } .cov-not-covered td { color: var(--muted); }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 700; letter-spacing: 0.02em; padding: 0 0.4rem; border-radius: 1rem; border: 1px solid currentColor; white-space: nowrap; }
.b-pass { color: var(--pass); } .b-fail, .b-xpass, .b-sev-error { color: var(--fail); } .b-skip { color: var(--skip); }
.b-error { color: var(--error); } .b-xfail, .b-sev-warning { color: var(--warn); } .b-sev-info { color: var(--info); }
details.test { border: 1px solid var(--line); border-left: 6px solid var(--skip); border-radius: 6px; margin: 0.6rem 0; }
details.test[data-outcome="pass"] { border-left-color: var(--pass); } details.test[data-outcome="fail"], details.test[data-outcome="xpass"] { border-left-color: var(--fail); }
details.test[data-outcome="error"] { border-left-color: var(--error); } details.test[data-outcome="xfail"] { border-left-color: var(--warn); }
details.test > summary { padding: 0.5rem 0.7rem; cursor: pointer; }
.ttitle { font-weight: 600; } .lvl { font-size: 0.75rem; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 0.3rem; }
.tsum { display: block; margin: 0.15rem 0 0 1.4rem; color: var(--muted); }
details.test[open] > summary .tsum { color: var(--fg); }
.tbody { padding: 0 0.9rem 0.8rem; }
.desc { margin-top: 0; }
.xreason { border-left: 4px solid var(--warn); padding-left: 0.6rem; }
.harness { color: var(--error); font-weight: 600; }
ul.checks, ul.findings { list-style: none; padding: 0; margin: 0.2rem 0; }
ul.checks li, ul.findings li { padding: 0.15rem 0; }
.ev { color: var(--muted); font-size: 0.88rem; }
ol.timeline { list-style: none; padding: 0; margin: 0.2rem 0; }
ol.timeline > li { border-top: 1px solid var(--line); }
details.exchange > summary, .exchange-ref { padding: 0.25rem 0.3rem; }
details.exchange > summary { cursor: pointer; }
details.decrypted { margin: 0.2rem 0; } details.decrypted > summary { cursor: pointer; font-size: 0.88rem; }
details.decrypted.rejected > summary { color: var(--fail); }
.exchange-ref { padding-left: 1.3rem; }
pre.rows { margin: 0.2rem 0 0.2rem 1.3rem; padding: 0.3rem 0.5rem; font-size: 0.8rem; color: var(--muted); }
.cited > summary, .exchange-ref.cited { background: color-mix(in srgb, var(--warn) 10%, transparent); }
.cite { font-size: 0.75rem; color: var(--warn); border: 1px solid currentColor; border-radius: 1rem; padding: 0 0.35rem; }
.xid { font-weight: 700; } .verb { font-weight: 700; } .d-outbound { color: var(--info); } .d-inbound { color: var(--muted); }
.s-ok { color: var(--pass); } .s-bad { color: var(--fail); font-weight: 700; } .s-none { color: var(--error); font-weight: 700; }
.fc { font-size: 0.8rem; } .f-error { color: var(--fail); } .f-warning { color: var(--warn); } .f-info { color: var(--info); }
.xbody { padding: 0.2rem 0.6rem 0.6rem 1.3rem; }
.headers { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 0.4rem 0.6rem; }
.hl, .ln { display: block; white-space: pre-wrap; }
mark { background: var(--mark); color: inherit; outline: 2px solid var(--warn); }
.reason { margin: 0.4rem 0 0; font-weight: 600; }
details.more > summary { cursor: pointer; color: var(--info); padding: 0.3rem 0; }
footer { margin-top: 2.5rem; border-top: 1px solid var(--line); font-size: 0.85rem; }
body.only-problems details.test:not([data-outcome="fail"]):not([data-outcome="error"]):not([data-outcome="xpass"]),
body.only-problems .overview tr[data-outcome]:not([data-outcome="fail"]):not([data-outcome="error"]):not([data-outcome="xpass"]),
body.only-problems section.tests:not(#s-problems) { display: none; }
@media print {
  html { font-size: 10pt; } body { max-width: none; padding: 0; }
  .toolbar, .skip { display: none; }
  a { color: inherit; text-decoration: none; }
  summary { list-style: none; } summary::-webkit-details-marker { display: none; }
  details.test > summary, details.exchange > summary { break-after: avoid; }
  pre, .headers { break-inside: auto; }
}
`;
