// Finds this package's package.json whether we run from source (tsx) or from dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  name: string;
  version: string;
  root: string;
}

export function packageInfo(): PackageInfo {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'abdm-sandbox') return { name: pkg.name, version: pkg.version ?? '0.0.0', root: dir };
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json of abdm-sandbox not found');
    dir = parent;
  }
}
