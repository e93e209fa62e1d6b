import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { configFileError, readJsonFile } from '../platform/json-file.js';
import { shownPath, StartupError } from '../platform/startup-error.js';

/**
 * What a machine token may do (least privilege, 等保 2.0 8.1.4.2):
 * - `ingest`: send telemetry (POST /api/v1/ingest) and register devices (POST /api/v1/devices);
 * - `stats`: publish statistics revisions (POST /api/v1/stats), which every wall shows;
 * - `read`: the read API when open view is off.
 * Nothing a token may do changes what the walls are told to show: scenes, tours,
 * notices and replays are the console's, under a signed-in officer.
 */
export const TOKEN_SCOPES = ['ingest', 'stats', 'read'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Shorter tokens are refused at start-up: `a` or `changeme` can be guessed from the LAN. */
export const MIN_TOKEN_LENGTH = 16;

/** A machine's token: an upstream platform (ingest, stats) or an integrator (read). */
export interface SourceToken {
  /** Named in logs, metrics, stored rows and the audit trail; never the token itself. */
  name: string;
  token: string;
  /** Reports and figures from this source are simulated: the wall marks them 模拟. */
  simulated: boolean;
  scopes: readonly TokenScope[];
}

const isScope = (s: string): s is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(s);

/** One token and the variable (or file) it came from, for messages that must not show it. */
interface Entry {
  source: SourceToken;
  from: string;
}

/** Variables that hold one token, where naming an entry would only confuse. */
const SINGLE = new Set(['WALL_INGEST_TOKEN', 'WALL_METRICS_TOKEN']);

function checkEntry(from: string, e: { name: string; token: string }): void {
  const who = e.name ? `'${e.name}'` : 'an entry';
  const theToken = SINGLE.has(from) ? 'the token' : `the token of ${who}`;
  if (!e.name || e.name.length > 64 || /[\s,:]/.test(e.name)) {
    throw new StartupError(`${from}: ${who}: a name is 1–64 characters without spaces, commas or colons`);
  }
  // The length is named, never the token: this line goes to logs and terminals.
  if (e.token.length < MIN_TOKEN_LENGTH) {
    throw new StartupError(
      `${from}: ${theToken} is ${e.token.length} character${e.token.length === 1 ? '' : 's'} long; tokens must be at least ${MIN_TOKEN_LENGTH} (e.g. \`openssl rand -base64 24\`)`,
    );
  }
  if (/\s/.test(e.token)) throw new StartupError(`${from}: ${theToken} contains white space`);
}

function list(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `name:token[:sim]` (WALL_INGEST_TOKENS). */
function ingestList(v: string): Entry[] {
  return list(v).map((item, i) => {
    const [name = '', token = '', flag, ...rest] = item.split(':');
    if (!token || rest.length > 0 || (flag !== undefined && flag !== 'sim')) {
      throw new StartupError(`WALL_INGEST_TOKENS: entry ${i + 1}${name ? ` '${name}'` : ''} must be name:token or name:token:sim`);
    }
    return { from: 'WALL_INGEST_TOKENS', source: { name, token, simulated: flag === 'sim', scopes: ['ingest'] } };
  });
}

/** `name:scope+scope:token[:sim]` (WALL_TOKENS). */
function scopedList(v: string): Entry[] {
  return list(v).map((item, i) => {
    const [name = '', scopes = '', token = '', flag, ...rest] = item.split(':');
    if (!token || rest.length > 0 || (flag !== undefined && flag !== 'sim')) {
      throw new StartupError(`WALL_TOKENS: entry ${i + 1}${name ? ` '${name}'` : ''} must be name:scope[+scope]:token, optionally followed by :sim`);
    }
    const parts = scopes.split('+');
    const bad = parts.find((s) => !isScope(s));
    if (bad !== undefined) {
      throw new StartupError(`WALL_TOKENS: '${name}': unknown scope '${bad.slice(0, 20)}' (scopes: ${TOKEN_SCOPES.join(', ')})`);
    }
    return { from: 'WALL_TOKENS', source: { name, token, simulated: flag === 'sim', scopes: [...new Set(parts as TokenScope[])] } };
  });
}

/** `name:token` (WALL_READ_TOKENS); the token is everything after the first colon. */
function readList(v: string): Entry[] {
  return list(v).map((item, i) => {
    const at = item.indexOf(':');
    if (at < 1) throw new StartupError(`WALL_READ_TOKENS: entry ${i + 1} must be name:token`);
    return { from: 'WALL_READ_TOKENS', source: { name: item.slice(0, at), token: item.slice(at + 1), simulated: false, scopes: ['read'] } };
  });
}

const TokenFile = z.array(
  z.object({
    name: z.string(),
    token: z.string(),
    simulated: z.boolean().default(false),
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).default(['ingest']),
  }),
);

function tokenFile(file: string): Entry[] {
  const parsed = TokenFile.safeParse(readJsonFile(file));
  if (!parsed.success) {
    // zod names the place and the rule, never the value, so no token is printed.
    const issue = parsed.error.issues[0]!;
    throw configFileError(file, `${issue.path.length ? `[${issue.path.join('].[')}]: ` : ''}${issue.message}`);
  }
  return parsed.data.map((t) => ({ from: `WALL_INGEST_TOKENS_FILE (${shownPath(file)})`, source: t }));
}

export interface LoadedTokens {
  sources: SourceToken[];
  /** True when no upstream token was configured and one was generated for the in-process feeds. */
  generated: boolean;
  metricsToken: string | null;
}

/**
 * Every machine token, with its scopes. Upstream (ingest) tokens, in order of
 * precedence, as before scopes existed:
 * - WALL_INGEST_TOKENS_FILE: JSON `[{name, token, simulated, scopes?}]` (scopes default `["ingest"]`);
 * - WALL_INGEST_TOKENS: `name:token[:sim],…`, scope `ingest`;
 * - WALL_INGEST_TOKEN: one token, source name `default`, scope `ingest`.
 * Added to those: WALL_TOKENS `name:scope+scope:token[:sim],…` (the only way to
 * give a source `stats` besides the file) and WALL_READ_TOKENS `name:token,…`
 * (scope `read`). With no `ingest` or `stats` token at all, a random token is
 * generated for the in-process mock feeds, with both scopes: they send telemetry
 * and their simulated statistics.
 *
 * Every token, WALL_METRICS_TOKEN included, must be at least 16 characters, and
 * no two may be the same (a shared token would make the audit trail name the
 * wrong source). Problems stop the start with the variable named, never the token.
 */
export function loadTokens(env: NodeJS.ProcessEnv): LoadedTokens {
  const entries: Entry[] = [];
  if (env.WALL_INGEST_TOKENS_FILE) entries.push(...tokenFile(env.WALL_INGEST_TOKENS_FILE));
  else if (env.WALL_INGEST_TOKENS) entries.push(...ingestList(env.WALL_INGEST_TOKENS));
  else if (env.WALL_INGEST_TOKEN) {
    entries.push({
      from: 'WALL_INGEST_TOKEN',
      source: { name: 'default', token: env.WALL_INGEST_TOKEN, simulated: env.WALL_SOURCE_SIMULATED !== '0', scopes: ['ingest'] },
    });
  }
  if (env.WALL_TOKENS) entries.push(...scopedList(env.WALL_TOKENS));
  if (env.WALL_READ_TOKENS) entries.push(...readList(env.WALL_READ_TOKENS));

  const metricsToken = env.WALL_METRICS_TOKEN || null;
  const all = metricsToken ? [...entries, { from: 'WALL_METRICS_TOKEN', source: { name: 'metrics', token: metricsToken, simulated: false, scopes: [] } }] : entries;
  const byToken = new Map<string, Entry>();
  const simulatedByName = new Map<string, boolean>();
  for (const e of all) {
    checkEntry(e.from, e.source);
    const twin = byToken.get(e.source.token);
    if (twin) {
      throw new StartupError(`${twin.from} '${twin.source.name}' and ${e.from} '${e.source.name}' use the same token; give each its own`);
    }
    byToken.set(e.source.token, e);
    if (e.source.scopes.length === 0) continue;
    const sim = simulatedByName.get(e.source.name);
    if (sim !== undefined && sim !== e.source.simulated) {
      throw new StartupError(`${e.from}: '${e.source.name}' is marked simulated in one entry and not in another`);
    }
    simulatedByName.set(e.source.name, e.source.simulated);
  }

  const sources = entries.map((e) => e.source);
  if (sources.some((s) => s.scopes.includes('ingest') || s.scopes.includes('stats'))) return { sources, generated: false, metricsToken };
  return {
    sources: [{ name: 'mock-feeds', token: randomBytes(24).toString('base64url'), simulated: true, scopes: ['ingest', 'stats'] }, ...sources],
    generated: true,
    metricsToken,
  };
}
