import { describe, expect, it } from 'vitest';
import { sampleRunLog, sampleRunLogWithError } from '../../tests/support/sample-run-log.js';
import { renderJunitXml } from './junit-xml.js';

/** Elements nest and close, attributes are quoted, and no raw < or & is left in text: enough for what we emit. */
function wellFormed(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '').replace(/<!--[\s\S]*?-->/g, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const m of body.matchAll(tag)) {
    const between = body.slice(last, m.index);
    if (/[<]|&(?!(amp|lt|gt|quot|#10);)/.test(between)) return false;
    last = m.index! + m[0].length;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else if (!m[4]) stack.push(m[2]);
  }
  return stack.length === 0 && body.slice(last).trim() === '';
}

describe('junit.xml', () => {
  const xml = renderJunitXml(sampleRunLog());

  it('is well-formed XML with one testcase per test and counts CI tools read', () => {
    expect(wellFormed(xml)).toBe(true);
    expect(wellFormed(renderJunitXml(sampleRunLogWithError()))).toBe(true);
    expect(xml.match(/<testcase /g)).toHaveLength(6);
    // failures: the MUST and SHOULD failures and the unexpected pass; skipped: the skip and the expected failure
    expect(xml).toMatch(/<testsuites name="abdm-sandbox conformance" tests="6" failures="3" errors="0" skipped="2" time="2.500"/);
    expect(xml).toContain('<property name="seed" value="7"/>');
    expect(xml).toContain('<property name="command" value="abdm-sandbox run --suite hip --hip-id IN0000000001 --seed 7 --out out"/>');
  });

  it('a failure carries its message, escaped, and an evidence summary of journal exchanges', () => {
    const testcase = xml.slice(xml.indexOf('name="HIP.S.02'), xml.indexOf('</testcase>', xml.indexOf('name="HIP.S.02')));
    expect(testcase).toContain('name="HIP.S.02 Refuses a forged call &lt;JWT&gt; &amp; &quot;acts&quot; never [MUST]"');
    expect(testcase).toContain('<failure type="MUST" message="Accepted a forged &lt;token&gt; &amp; answered it">');
    expect(testcase).toContain('evidence (journal exchanges):\n  #901 gateway→partner POST /api/v3/hip/patient/care-context/discover → 202\n  #902 partner→gateway POST');
  });

  it('an expected failure is skipped with its reason; a listed test that passed is a failure; an error is an error', () => {
    expect(xml).toContain('<skipped message="expected failure: known bug #12"/>');
    expect(xml).toContain('<failure type="unexpected-pass" message="passed, but listed as an expected failure (fixed last week); remove it from the expected-failures file"/>');
    expect(xml).toContain('<failure type="SHOULD" message="did not">');
    expect(renderJunitXml(sampleRunLogWithError())).toContain('<error type="harness-error" message="the test threw: boom">');
  });
});
