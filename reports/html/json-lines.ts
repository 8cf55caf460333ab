// Pretty-prints a JSON value line by line, as JSON.stringify(value, null, 2) does, knowing the path of each line,
// so the HTML report can highlight the line a finding points at (`body.patient[0].count`). Pure.

export interface JsonLine {
  text: string;
  /** The path of the value that starts on this line, `''` for the root, `.a[0]["b c"]` below it; none on a closing line. */
  path?: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The path step for a key or an index, in the gateway's notation (sandbox-server/gateway/body-validator.ts). */
function step(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** The lines of `value`, indented by two spaces a level. */
export function jsonLines(value: unknown): JsonLine[] {
  const lines: JsonLine[] = [];
  const emit = (v: unknown, path: string, indent: string, prefix: string, suffix: string): void => {
    if (v !== null && typeof v === 'object') {
      const entries: Array<[string | number, unknown]> = Array.isArray(v) ? v.map((item, i) => [i, item]) : Object.entries(v);
      const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
      if (entries.length === 0) {
        lines.push({ text: `${indent}${prefix}${open}${close}${suffix}`, path });
        return;
      }
      lines.push({ text: `${indent}${prefix}${open}`, path });
      entries.forEach(([key, item], i) => {
        const comma = i < entries.length - 1 ? ',' : '';
        emit(item, path + step(key), `${indent}  `, typeof key === 'number' ? '' : `${JSON.stringify(key)}: `, comma);
      });
      lines.push({ text: `${indent}${close}${suffix}` });
      return;
    }
    // undefined and functions cannot come out of JSON.parse; null, numbers, strings and booleans print as JSON.
    lines.push({ text: `${indent}${prefix}${JSON.stringify(v)}${suffix}`, path });
  };
  emit(value, '', '', '', '');
  return lines;
}

/** A finding's path in the notation of `jsonLines`, when it points into a body (`body.x`, `$.x`); else undefined. */
export function bodyPathOf(findingPath: string): string | undefined {
  const m = /^(?:body|\$)((?:\.|\[).*)?$/.exec(findingPath);
  if (!m) return undefined;
  return m[1] ?? '';
}
