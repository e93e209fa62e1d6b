import path from 'node:path';
import { IndustryConfigSchema, type IndustryConfig } from '@futian/shared';
import { configFileError, readJsonFile } from '../platform/json-file.js';

const FILES = ['places', 'enterprises', 'carriers', 'simulation'] as const;

/**
 * Reads config/industry/{places,enterprises,carriers,simulation}.json and checks
 * each against its schema, then the references between them (a firm's building,
 * an anchor's park), so a typo stops the start naming the file instead of
 * quietly dropping a firm from the map.
 */
export function loadIndustryConfig(dir: string, parkNames: ReadonlySet<string>): IndustryConfig {
  const raw: Record<string, unknown> = {};
  for (const f of FILES) raw[f] = readJsonFile(path.join(dir, `${f}.json`));
  const parsed = IndustryConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const file = String(issue.path[0] ?? 'places');
    throw configFileError(path.join(dir, `${file}.json`), `${issue.path.slice(1).join('.') || '(root)'}: ${issue.message}`);
  }
  const cfg = parsed.data;
  const where = (f: (typeof FILES)[number]): string => path.join(dir, `${f}.json`);
  const placeIds = new Set<string>();
  for (const p of cfg.places) {
    if (placeIds.has(p.id)) throw configFileError(where('places'), `duplicate id ${p.id}`);
    placeIds.add(p.id);
  }
  const checkAnchor = (file: (typeof FILES)[number], id: string, a: { park?: string | undefined } | undefined): void => {
    if (a?.park && !parkNames.has(a.park)) throw configFileError(where(file), `${id}: anchor park "${a.park}" is not in the parks file`);
  };
  for (const p of cfg.places) checkAnchor('places', p.id, p.anchor);
  const entIds = new Set<string>();
  for (const e of cfg.enterprises) {
    if (entIds.has(e.id)) throw configFileError(where('enterprises'), `duplicate id ${e.id}`);
    entIds.add(e.id);
    if (e.place && !placeIds.has(e.place)) throw configFileError(where('enterprises'), `${e.id}: unknown place ${e.place}`);
    checkAnchor('enterprises', e.id, e.anchor);
  }
  for (const c of cfg.carriers.named) checkAnchor('carriers', c.id, c.anchor);
  if (cfg.carriers.named.length > cfg.carriers.total) {
    throw configFileError(where('carriers'), `${cfg.carriers.named.length} named carriers but a total of ${cfg.carriers.total}`);
  }
  return cfg;
}
