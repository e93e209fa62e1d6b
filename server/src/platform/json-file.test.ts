import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonErrorOffset, lineColumn, readJsonFile } from './json-file.js';
import { StartupError } from './startup-error.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'wall-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('jsonErrorOffset', () => {
  it('is null exactly when JSON.parse accepts the text', () => {
    const texts = [
      '{}', '[]', ' 0 ', '-1.5e+3', '"\\u00e9\\n"', '{"a":[1,{"b":null}],"c":true}', '[1,]', '{"a":1,}', '{"a"}', '01', '1.', '-',
      '"\\x"', '"\\u12g4"', '[1 2]', '{"a":1}}', '', ' ', 'nul', 'tru', '"a\tb"', '[1,\n  2\n', '{"a":\n}', '[[[]]]', '"\\"',
    ];
    for (const t of texts) {
      let ok = true;
      try {
        JSON.parse(t);
      } catch {
        ok = false;
      }
      expect(jsonErrorOffset(t) === null, JSON.stringify(t)).toBe(ok);
    }
  });

  it('points at the offending character', () => {
    const t = '{\n  "id": "x",\n    }\n';
    expect(lineColumn(t, jsonErrorOffset(t)!)).toEqual({ line: 3, column: 5 });
    expect(jsonErrorOffset('{"a":}')).toBe(5);
    expect(jsonErrorOffset('[1,2')).toBe(4);
  });
});

describe('readJsonFile', () => {
  it('names the file, the reason and the place, and quotes nothing from the text', () => {
    const file = write('bad.json', '[{"token": "s3cret-s3cret-s3cret"}}]');
    let err: unknown;
    try {
      readJsonFile(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StartupError);
    const msg = (err as Error).message;
    expect(msg.startsWith(`${file}: `)).toBe(true);
    expect(msg).toMatch(/at line 1 column 35$/);
    expect(msg).not.toContain('s3cret');
  });

  it('names a missing file and a directory', () => {
    expect(() => readJsonFile(path.join(dir, 'absent.json'))).toThrow(`${path.join(dir, 'absent.json')}: no such file or directory`);
    expect(() => readJsonFile(dir)).toThrow(`${dir}: is a directory, not a file`);
  });

  it('reads a file saved with a byte-order mark', () => {
    expect(readJsonFile(write('bom.json', '\ufeff{"a":1}'))).toEqual({ a: 1 });
  });
});
