import { describe, expect, it } from 'vitest';
import { aadhaarFromPayload } from '../../protocol/ids/aadhaar.js';
import { OutputRedactor } from './output-redaction.js';

describe('output redaction', () => {
  const redactor = new OutputRedactor();
  redactor.addSecret('s3cret-value-1');
  const aadhaar = aadhaarFromPayload('23456789012');

  it('replaces secret fields, known secrets, JWTs and PEM private keys wherever they appear', () => {
    const out = JSON.stringify(
      redactor.redact({
        clientSecret: 'anything',
        nested: [{ otp: '123456', note: 'the secret is s3cret-value-1, ok' }],
        message: 'token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl in a sentence',
        key: '-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----',
      }),
    );
    for (const leaked of ['anything', '123456', 's3cret-value-1', 'eyJhbGciOiJSUzI1NiJ9', 'MIIEvQ']) expect(out).not.toContain(leaked);
    expect(out).toContain('[redacted private key]');
    expect(out).toMatch(/the secret is \[redacted sha256:[0-9a-f]{8}\], ok/);
  });

  it('masks valid Aadhaar numbers to the last four digits, and leaves other numbers alone', () => {
    const spaced = `${aadhaar.slice(0, 4)} ${aadhaar.slice(4, 8)} ${aadhaar.slice(8)}`;
    expect(redactor.redactText(`aadhaar ${aadhaar} and ${spaced}`)).toBe(`aadhaar XXXX XXXX ${aadhaar.slice(8)} and XXXX XXXX ${aadhaar.slice(8)}`);
    const notVerhoeff = aadhaar.slice(0, 11) + String((Number(aadhaar[11]) + 1) % 10);
    expect(redactor.redactText(`ids ${notVerhoeff} 91-1234-5678-9012 #123456789012345`)).toBe(`ids ${notVerhoeff} 91-1234-5678-9012 #123456789012345`);
  });
});
