// Test-id patterns as `--only` and expected-failure files write them: an exact id, or `*` for any run of
// characters (`HIP.HEADERS.*`, `*.SECURITY.*`). Case-sensitive, like the ids.

/** True when `id` matches `pattern`. */
export function idMatches(pattern: string, id: string): boolean {
  if (!pattern.includes('*')) return pattern === id;
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(id);
}
