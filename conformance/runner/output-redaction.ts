// Redaction of everything a run writes (DESIGN.md: redaction by default). The journal already redacts what it
// stores; this second pass also catches secrets in test messages and event data: secret fields by name, the
// client secrets the run was given, anything shaped like a JWT, PEM private keys and valid Aadhaar numbers.
import { checkAadhaar, maskAadhaar } from '../../protocol/ids/aadhaar.js';
import { fingerprint, redactJson } from '../../sandbox-server/journal/redaction.js';

const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\b/g;
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;
// 12 digits, first 2–9, optionally spaced 4-4-4 as printed on the card; only Verhoeff-valid ones are masked.
const AADHAAR_SHAPED = /\b[2-9]\d{3} ?\d{4} ?\d{4}\b/g;

export class OutputRedactor {
  private readonly secrets = new Set<string>();

  /** A value that must never appear in an output (a client secret given on the command line, ...). */
  addSecret(value: string | undefined): void {
    // Very short values would blank out ordinary words; nobody uses a 4-character client secret.
    if (value && value.length >= 6) this.secrets.add(value);
  }

  /** A deep copy of `value` with every secret replaced by its fingerprint (or a mask, for Aadhaar). */
  redact<T>(value: T): T {
    return this.walk(redactJson(value)) as T;
  }

  /** One string with every secret replaced. */
  redactText(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(fingerprint(secret));
    if (out.includes('PRIVATE KEY-----')) out = out.replace(PEM_PRIVATE_KEY, '[redacted private key]');
    if (out.includes('eyJ')) out = out.replace(JWT, (token) => fingerprint(token));
    if (/\d{4}/.test(out)) out = out.replace(AADHAAR_SHAPED, (digits) => (checkAadhaar(digits).ok ? maskAadhaar(digits) : digits));
    return out;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (Array.isArray(value)) return value.map((v) => this.walk(v));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.walk(v);
      return out;
    }
    return value;
  }
}
