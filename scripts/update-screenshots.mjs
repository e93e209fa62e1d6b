// Copies the browser suite's screenshots (artifacts/screenshots, written by
// `pnpm test`) into docs/screenshots for the README. Kept out of the test suite
// on purpose: a test must assert something, and CI must not rewrite the docs.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const from = path.join(root, 'artifacts/screenshots');
const to = path.join(root, 'docs/screenshots');
const wanted = process.argv.slice(2);
const files = wanted.length > 0 ? wanted : [
  'wall-1080p.png', 'wall-4k.png', 'wall-32x9.png', 'wall-48x9.png',
  'map-4k.png', 'map-drill-4k.png', 'map-faults-1080p.png', 'infra-1080p.png',
  'structure-4k.png', 'growth-4k.png', 'infra-4k.png', 'structure-1080p.png', 'growth-1080p.png', 'map-1080p.png',
  'tour-map-1080p.png', 'tour-takeover-1080p.png', 'notice-4k.png', 'alarm-wall-1080p.png', 'console-control.png',
  'pairing-1080p.png', 'pairing-4k.png', 'openview-1080p.png', 'console-screens.png',
  'console-2fa.png', 'console-2fa-setup.png', 'console-users-roles.png', 'console-audit.png',
];
mkdirSync(to, { recursive: true });
let missing = 0;
for (const f of files) {
  const src = path.join(from, f);
  if (!existsSync(src)) { console.error(`missing ${src}: run the browser tests first`); missing++; continue; }
  copyFileSync(src, path.join(to, f));
  console.log(`docs/screenshots/${f}`);
}
process.exit(missing > 0 ? 1 : 0);
