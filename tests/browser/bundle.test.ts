import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const assets = path.resolve(import.meta.dirname, '../../client/dist/assets');

/**
 * What ships, checked on the build global-setup made. The zod schemas in
 * shared/ are the server's: the wall and the console import only types and
 * constants from shared/, and a runtime import of a schema module would add
 * zod (about 23 KB gzip) to the wall's entry, against a 300 KB budget.
 */
describe('the built client', () => {
  it('carries no zod in any chunk', () => {
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(5);
    const withZod = js.filter((f) => /ZodError|\$ZodType/.test(readFileSync(path.join(assets, f), 'utf8')));
    expect(withZod, `chunks with zod: ${withZod.join(', ')}`).toEqual([]);
  });
});
