/**
 * The source maps of a client build, for benches that find a function by its place
 * in a built chunk (V8 coverage offsets, heap snapshot locations) and need to say
 * which package and feature it is. Vite's chunk hashes do not change when source
 * maps are added, so a sourcemapped build of the same code names the same chunks as
 * the build the wall ran.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SourceMapConsumer } from 'source-map-js';
import { lineColumn, lineStarts } from './coverage-map.js';

export interface SourcePlace {
  /** The original source path as the map names it, or the chunk's name when it has no mapping there. */
  source: string;
  /** 1-based line in the original source; 0 when unmapped. */
  line: number;
}

export class BuildSources {
  private readonly cache = new Map<string, { starts: number[]; map: SourceMapConsumer | null }>();

  /** `dir` is a build's output directory (it holds assets/<chunk>.js and .js.map). */
  constructor(private readonly dir: string) {}

  private load(chunk: string): { starts: number[]; map: SourceMapConsumer | null } {
    let e = this.cache.get(chunk);
    if (e) return e;
    const file = path.join(this.dir, 'assets', chunk);
    const mapFile = `${file}.map`;
    e = {
      starts: lineStarts(existsSync(file) ? readFileSync(file, 'utf8') : ''),
      map: existsSync(mapFile) ? new SourceMapConsumer(JSON.parse(readFileSync(mapFile, 'utf8')) as never) : null,
    };
    this.cache.set(chunk, e);
    return e;
  }

  /** A script URL or path, down to its chunk's file name. */
  static chunkOf(script: string): string {
    return path.basename(script.replace(/[?#].*$/, ''));
  }

  /** By 1-based line and 0-based column in the built chunk. */
  at(script: string, line: number, column: number): SourcePlace {
    const chunk = BuildSources.chunkOf(script);
    const { map } = this.load(chunk);
    if (!map) return { source: chunk, line: 0 };
    let o = map.originalPositionFor({ line, column, bias: SourceMapConsumer.GREATEST_LOWER_BOUND });
    if (!o.source) o = map.originalPositionFor({ line, column, bias: SourceMapConsumer.LEAST_UPPER_BOUND });
    return o.source ? { source: o.source, line: o.line ?? 0 } : { source: chunk, line: 0 };
  }

  /** By character offset in the built chunk (V8 coverage ranges). */
  atOffset(script: string, offset: number): SourcePlace {
    const { starts } = this.load(BuildSources.chunkOf(script));
    const { line, column } = lineColumn(starts, offset);
    return this.at(script, line, column);
  }
}
