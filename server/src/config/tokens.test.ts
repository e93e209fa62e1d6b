import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StartupError } from '../platform/startup-error.js';
import { loadConfig } from './config.js';
import { loadTokens } from './tokens.js';

const LONG = 'abcdefghijklmnop-0123';
const dir = mkdtempSync(path.join(os.tmpdir(), 'wall-tokens-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The StartupError loadTokens throws for this environment (fails the test when it throws none). */
function refusal(env: NodeJS.ProcessEnv): StartupError {
  try {
    loadTokens(env);
  } catch (err) {
    expect(err).toBeInstanceOf(StartupError);
    return err as StartupError;
  }
  throw new Error(`accepted ${JSON.stringify(Object.keys(env))}`);
}

describe('token scopes', () => {
  it('keeps the old variables with the scopes they implied: ingest only, read only', () => {
    expect(loadTokens({ WALL_INGEST_TOKEN: LONG }).sources).toEqual([{ name: 'default', token: LONG, simulated: true, scopes: ['ingest'] }]);
    expect(loadTokens({ WALL_INGEST_TOKENS: `a:${LONG}:sim,b:${LONG}x` }).sources.map((s) => [s.name, s.scopes, s.simulated])).toEqual([
      ['a', ['ingest'], true],
      ['b', ['ingest'], false],
    ]);
    const t = loadTokens({ WALL_INGEST_TOKEN: LONG, WALL_READ_TOKENS: `bi:${LONG}:with:colons` });
    expect(t.sources[1]).toEqual({ name: 'bi', token: `${LONG}:with:colons`, simulated: false, scopes: ['read'] });
    expect(t.generated).toBe(false);
  });

  it('WALL_TOKENS gives a source the scopes it names', () => {
    const t = loadTokens({ WALL_TOKENS: `bureau:stats:${LONG},platform:ingest+stats:${LONG}2:sim` });
    expect(t.sources).toEqual([
      { name: 'bureau', token: LONG, simulated: false, scopes: ['stats'] },
      { name: 'platform', token: `${LONG}2`, simulated: true, scopes: ['ingest', 'stats'] },
    ]);
    expect(t.generated).toBe(false);
  });

  it('the token file takes optional scopes, ingest by default', () => {
    const file = path.join(dir, 'tokens.json');
    writeFileSync(file, JSON.stringify([{ name: 'a', token: LONG }, { name: 'b', token: `${LONG}b`, scopes: ['stats'] }]));
    expect(loadTokens({ WALL_INGEST_TOKENS_FILE: file }).sources.map((s) => s.scopes)).toEqual([['ingest'], ['stats']]);
  });

  it('generates a token for the in-process feeds, with ingest and stats, only when no upstream token is set', () => {
    const none = loadTokens({ WALL_READ_TOKENS: `bi:${LONG}` });
    expect(none.generated).toBe(true);
    expect(none.sources[0]).toMatchObject({ name: 'mock-feeds', simulated: true, scopes: ['ingest', 'stats'] });
    expect(none.sources[0]!.token.length).toBeGreaterThanOrEqual(32);
    expect(loadTokens({ WALL_TOKENS: `bureau:stats:${LONG}` }).generated).toBe(false);
  });
});

describe('weak and malformed tokens stop the start, naming the variable and never the token', () => {
  const weak = 'shortie';
  it.each([
    ['WALL_INGEST_TOKEN', { WALL_INGEST_TOKEN: weak }, /^WALL_INGEST_TOKEN: the token is 7 characters long; tokens must be at least 16/],
    ['WALL_INGEST_TOKENS', { WALL_INGEST_TOKENS: `a:${LONG},b:${weak}` }, /^WALL_INGEST_TOKENS: the token of 'b' is 7 characters/],
    ['WALL_TOKENS', { WALL_TOKENS: `bureau:stats:${weak}` }, /^WALL_TOKENS: the token of 'bureau' is 7 characters/],
    ['WALL_READ_TOKENS', { WALL_READ_TOKENS: `bi:${weak}` }, /^WALL_READ_TOKENS: the token of 'bi' is 7 characters/],
    ['WALL_METRICS_TOKEN', { WALL_METRICS_TOKEN: weak }, /^WALL_METRICS_TOKEN: the token is 7 characters/],
  ])('%s', (_name, env, message) => {
    const e = refusal(env);
    expect(e.message).toMatch(message);
    expect(e.message).not.toContain(weak);
  });

  it('a weak token in the token file', () => {
    const file = path.join(dir, 'weak.json');
    writeFileSync(file, JSON.stringify([{ name: 'a', token: weak }]));
    const e = refusal({ WALL_INGEST_TOKENS_FILE: file });
    expect(e.message).toMatch(/^WALL_INGEST_TOKENS_FILE \(.*weak\.json\): the token of 'a' is 7 characters/);
    expect(e.message).not.toContain(weak);
  });

  it('an unknown scope, a bad entry, white space, and one token used twice', () => {
    expect(refusal({ WALL_TOKENS: `x:admin:${LONG}` }).message).toBe("WALL_TOKENS: 'x': unknown scope 'admin' (scopes: ingest, stats, read)");
    expect(refusal({ WALL_TOKENS: `x:${LONG}` }).message).toMatch(/^WALL_TOKENS: entry 1 'x' must be name:scope\[\+scope\]:token/);
    expect(refusal({ WALL_INGEST_TOKENS: `a:${LONG}:simulated` }).message).toMatch(/^WALL_INGEST_TOKENS: entry 1 'a' must be name:token or name:token:sim/);
    expect(refusal({ WALL_INGEST_TOKEN: `${LONG} x` }).message).toBe('WALL_INGEST_TOKEN: the token contains white space');
    const twice = refusal({ WALL_INGEST_TOKEN: LONG, WALL_METRICS_TOKEN: LONG });
    expect(twice.message).toBe("WALL_INGEST_TOKEN 'default' and WALL_METRICS_TOKEN 'metrics' use the same token; give each its own");
    expect(twice.message).not.toContain(LONG);
  });

  it('loadConfig passes the refusal on', () => {
    expect(() => loadConfig({ WALL_INGEST_TOKEN: 'a' }, dir)).toThrow(StartupError);
    expect(() => loadConfig({ WALL_TICK: 'fast' }, dir)).toThrow('WALL_TICK: expected a duration');
  });
});
