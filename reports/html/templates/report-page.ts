// The HTML report's handlebars templates: the page and its partials (a test, an exchange, a body). Everything from
// the run is inserted with {{ }}, which escapes it; the only {{{ }}} are the report's own style and script, whose
// hashes the Content-Security-Policy names. Kept as TypeScript strings so the build ships them with the code.

/** The timeline row of an exchange: one line a reader scans. */
export const EXCHANGE_ROW_PARTIAL = `<span class="xid">#{{id}}</span> <span class="off">{{offset}}</span> <span class="dir d-{{direction}}">{{arrow}}</span> <span class="verb">{{method}}</span> <span class="path">{{path}}</span> <span class="st s-{{statusClass}}">{{status}}</span> <span class="lat">{{latency}}</span>{{#if findings}} <span class="fc f-{{findingClass}}">{{findings}} finding(s)</span>{{/if}}{{#if cited}} <span class="cite">evidence</span>{{/if}}`;

/** A body: pretty-printed text, or line by line with the lines findings point at marked. */
export const BODY_PARTIAL = `{{#if empty}}<p class="nobody">no body</p>{{else}}{{#if lines}}<pre class="body">{{#each lines}}{{#if mark}}<mark class="ln" title="{{mark}}">{{text}}</mark>{{else}}<span class="ln">{{text}}</span>{{/if}}{{/each}}</pre>{{else}}<pre class="body">{{text}}</pre>{{/if}}{{#if note}}<p class="bnote">{{note}}</p>{{/if}}{{/if}}`;

/** Headers, one a line; a header a finding points at is marked. */
export const HEADERS_PARTIAL = `<div class="headers">{{#each this}}{{#if mark}}<mark class="hl" title="{{mark}}"><b>{{name}}:</b> {{value}}</mark>{{else}}<div class="hl"><b>{{name}}:</b> {{value}}</div>{{/if}}{{else}}<div class="hl none">no headers</div>{{/each}}</div>`;

/** An exchange: in full (expandable) at its first place on the page, a linked row elsewhere, a plain row when not in the page. */
export const EXCHANGE_PARTIAL = `{{#if detail}}<details class="exchange{{#if cited}} cited{{/if}}" id="{{anchor}}"><summary>{{> row}}</summary>
<div class="xbody">
<dl class="xfacts"><dt>URL</dt><dd><code>{{detail.url}}</code></dd><dt>Operation</dt><dd>{{detail.operation}}</dd>{{#if detail.client}}<dt>Client</dt><dd>{{detail.client}}</dd>{{/if}}{{#if detail.service}}<dt>Service</dt><dd>{{detail.service}}</dd>{{/if}}{{#if detail.requestId}}<dt>REQUEST-ID</dt><dd><code>{{detail.requestId}}</code></dd>{{/if}}<dt>Started</dt><dd>{{detail.startedAt}}</dd>{{#if detail.attempt}}<dt>Attempt</dt><dd>{{detail.attempt}}</dd>{{/if}}{{#if detail.causedBy}}<dt>Caused by</dt><dd><a href="#{{detail.causedBy.anchor}}">#{{detail.causedBy.id}}</a></dd>{{/if}}{{#if detail.answers}}<dt>Answers</dt><dd><a href="#{{detail.answers.anchor}}">#{{detail.answers.id}}</a></dd>{{/if}}{{#if detail.correlation}}<dt>ABDM ids</dt><dd><code>{{detail.correlation}}</code></dd>{{/if}}{{#if detail.outcomeNote}}<dt>Outcome</dt><dd>{{detail.outcomeNote}}</dd>{{/if}}</dl>
{{#if detail.findings.length}}<ul class="findings">{{#each detail.findings}}<li><span class="badge b-sev-{{severity}}">{{severity}}</span> <code>{{ruleId}}</code> {{message}}{{#if path}} <span class="at">at <code>{{path}}</code></span>{{/if}}</li>{{/each}}</ul>{{/if}}
<h5>Request</h5>{{> headers detail.requestHeaders}}{{> body detail.requestBody}}
<h5>Response</h5>{{> headers detail.responseHeaders}}{{> body detail.responseBody}}
{{#if detail.decrypted.length}}<h5>Decrypted by the sandbox</h5>{{#each detail.decrypted}}<details class="decrypted{{#if rejected}} rejected{{/if}}"><summary>{{title}}</summary>{{> body body}}</details>{{/each}}{{/if}}
</div></details>{{else}}<div class="exchange-ref{{#if cited}} cited{{/if}}">{{> row}} {{#if shownUnder}}<a class="shown" href="#{{anchor}}">in full under {{shownUnder}}</a>{{else}}<span class="note">in full in events.ndjson</span>{{/if}}</div>{{/if}}`;

/** A timeline item: an exchange, or plain lines for exchanges not shown in full. */
export const TIMELINE_ITEM_PARTIAL = `{{#if plainRows}}<pre class="rows" title="not shown in full: see events.ndjson">{{plainRows}}</pre>{{else}}{{> exchange}}{{/if}}`;

/** Checks or messages of a test, each with its evidence links. */
export const CHECKS_PARTIAL = `<ul class="checks">{{#each this}}<li><span class="badge b-{{badge.kind}}">{{badge.label}}</span> {{#if ruleId}}<code>{{ruleId}}</code> {{/if}}{{message}}{{#if evidence.length}} <span class="ev">evidence{{#each evidence}} <a href="#{{anchor}}">#{{id}}</a>{{/each}}</span>{{/if}}</li>{{/each}}</ul>`;

/** A test: what it checks and why, its checks and messages, and the exchanges it saw as a timeline. */
export const TEST_PARTIAL = `<details class="test" id="{{anchor}}" data-outcome="{{badge.kind}}"{{#if open}} open{{/if}}>
<summary><span class="badge b-{{badge.kind}}">{{badge.label}}</span> <code class="tid">{{id}}</code> <span class="ttitle">{{title}}</span> <span class="lvl">{{level}}</span> <span class="dur">{{duration}}</span><span class="tsum">{{summary}}</span></summary>
<div class="tbody">
<p class="desc">{{description}}</p>
<dl class="meta"><div><dt>Level</dt><dd>{{level}}, {{milestone}}</dd></div><div><dt>Group</dt><dd>{{group}}</dd></div><div><dt>NHA test cases</dt><dd>{{nhaTestCases}}</dd></div><div><dt>Spec</dt><dd>{{#each spec}}{{this}}{{#unless @last}}; {{/unless}}{{/each}}</dd></div>{{#if tags}}<div><dt>Tags</dt><dd>{{tags}}</dd></div>{{/if}}</dl>
{{#if expectedFailureReason}}<p class="xreason">Listed in the expected-failures file: {{expectedFailureReason}}</p>{{/if}}
{{#if checks.length}}<h4>Checks</h4>{{> checks checks}}{{/if}}
{{#if messages.length}}<h4>Messages</h4>{{> checks messages}}{{/if}}
{{#if timeline.length}}<h4>Exchanges</h4><ol class="timeline">{{#each timeline}}<li>{{> item}}</li>{{/each}}</ol>{{#if moreTimeline.length}}<details class="more"><summary>{{moreTimeline.length}} more</summary><ol class="timeline">{{#each moreTimeline}}<li>{{> item}}</li>{{/each}}</ol></details>{{/if}}{{else}}<p class="note">No exchange of the partner's is matched to this test.</p>{{/if}}
</div></details>
`;

/** The page. */
export const REPORT_PAGE_TEMPLATE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{csp}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="abdm-sandbox {{run.toolVersion}}">
<title>{{title}}</title>
<style>{{{style}}}</style>
</head>
<body>
<a class="skip" href="#results">Skip to the tests</a>
<header class="top">
<p class="tool">abdm-sandbox {{run.toolVersion}} · conformance report · run <code>{{run.id}}</code></p>
<h1>{{title}}</h1>
<p class="sub">{{#each partners}}{{role}} <code>{{serviceId}}</code> (client <code>{{clientId}}</code>) · {{/each}}{{run.suiteTitles}} · seed {{run.seed}} · {{run.started}} · {{run.duration}} · abdm-sandbox {{run.toolVersion}}</p>
<section class="verdict v-{{verdict.kind}}" aria-label="Verdict">
<p class="headline">{{verdict.headline}}</p>
{{#if verdict.reasons.length}}<ul class="reasons">{{#each verdict.reasons}}<li>{{this}}</li>{{/each}}</ul>{{/if}}
{{#if verdict.notes.length}}<ul class="notes">{{#each verdict.notes}}<li>{{this}}</li>{{/each}}</ul>{{/if}}
</section>
<ul class="milestones">{{#each milestones}}<li class="m-{{kind}}"><strong>{{headline}}</strong> <span>{{detail}}</span></li>{{/each}}</ul>
<ul class="counts">{{#each counts}}<li class="c-{{kind}}"><b>{{value}}</b> {{label}}</li>{{/each}}</ul>
</header>
<nav class="toolbar" aria-label="Report controls">
<button type="button" id="expand-tests">Expand all tests</button>
<button type="button" id="collapse-all">Collapse all</button>
<label><input type="checkbox" id="only-problems"> Only failures and errors</label>
<span class="keys">Keys: <kbd>j</kbd> / <kbd>k</kbd> next / previous test, <kbd>Enter</kbd> opens or closes</span>
</nav>
<main>
<section id="run" aria-labelledby="run-h"><h2 id="run-h">Run</h2>
<dl class="facts">
<dt>Partner</dt><dd>{{#each partners}}{{role}} <code>{{serviceId}}</code> (client <code>{{clientId}}</code>){{#unless @last}}; {{/unless}}{{else}}none{{/each}}</dd>
<dt>Suites</dt><dd>{{run.suites}}</dd>
<dt>Seed</dt><dd>{{run.seed}}</dd>
<dt>When</dt><dd>{{run.started}} to {{run.finished}} ({{run.duration}})</dd>
<dt>Tool</dt><dd>abdm-sandbox {{run.toolVersion}}, Node.js {{run.node}}</dd>
<dt>Sandbox</dt><dd>{{run.sandbox}}; world {{run.world}}</dd>
<dt>Selection</dt><dd>{{run.selection}}; {{run.timeouts}}</dd>
<dt>Reproduce</dt><dd><code class="cmd">{{run.command}}</code></dd>
</dl>
{{#if harnessError}}<p class="harness">Harness error: {{harnessError}}</p>{{/if}}
{{#if exchangesNote}}<p class="note">{{exchangesNote}}</p>{{/if}}
{{#if expectedFailures.length}}<h3>Expected failures (from the run's expected-failures file)</h3>
<table class="grid"><thead><tr><th scope="col">Test</th><th scope="col">Reason</th></tr></thead><tbody>{{#each expectedFailures}}<tr><td><code>{{test}}</code></td><td>{{reason}}</td></tr>{{/each}}</tbody></table>{{/if}}
</section>
<section id="coverage" aria-labelledby="coverage-h"><h2 id="coverage-h">NHA test-case coverage</h2>
<p class="note">NHA's functional test cases for the milestones of this run, and the tests that cover them.</p>
<table class="grid coverage"><thead><tr><th scope="col">NHA test case</th><th scope="col">What NHA checks</th><th scope="col">Tests</th><th scope="col">Status</th></tr></thead><tbody>
{{#each coverage}}<tr class="cov-{{kind}}"><td>{{#each ids}}<code>{{this}}</code> {{/each}}<span class="lvl">{{milestone}}</span></td><td>{{title}}</td><td>{{#each testLinks}}<a href="#{{anchor}}">{{id}}</a> {{/each}}</td><td>{{statusText}}</td></tr>{{/each}}
</tbody></table>
</section>
<section id="results" aria-labelledby="results-h"><h2 id="results-h">Tests</h2>
<table class="grid overview"><thead><tr><th scope="col">Result</th><th scope="col">Test</th><th scope="col">Level</th><th scope="col">Time</th><th scope="col">Summary</th></tr></thead><tbody>
{{#each overview}}<tr data-outcome="{{badge.kind}}"><td><span class="badge b-{{badge.kind}}">{{badge.label}}</span></td><td><a href="#{{anchor}}"><code>{{id}}</code></a> {{title}}</td><td>{{level}} {{milestone}}</td><td>{{duration}}</td><td>{{summary}}</td></tr>{{/each}}
</tbody></table>
</section>
{{#each sections}}<section id="s-{{id}}" class="tests" aria-labelledby="s-{{id}}-h"><h2 id="s-{{id}}-h">{{title}} ({{tests.length}})</h2>{{#if note}}<p class="note">{{note}}</p>{{/if}}
{{#each tests}}{{> test}}{{/each}}</section>
{{/each}}
{{#if unmatched.length}}<section id="unmatched" aria-labelledby="unmatched-h"><h2 id="unmatched-h">Traffic that matched no test ({{unmatched.length}})</h2>
<p class="note">Calls the partner made (or the sandbox made to it) that no test of this run owns, with the reason.</p>
<ol class="timeline">{{#each unmatched}}<li><p class="reason">{{reason}}</p>{{#with entry}}{{> exchange}}{{/with}}</li>{{/each}}</ol></section>{{/if}}
</main>
<footer>
<p>Rendered from the run's event log (events.ndjson: {{exchangeCount}} exchanges). Secrets, tokens, OTPs and Aadhaar numbers were redacted before they were logged: <code>[redacted sha256:…]</code> is a fingerprint, the same for the same secret.</p>
<p>In a signed bundle, manifest.json holds the SHA-256 of this file: <code>abdm-sandbox report verify DIR</code> checks it.</p>
</footer>
<script>{{{script}}}</script>
</body>
</html>
`;
