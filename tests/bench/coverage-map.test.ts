import { describe, expect, it } from 'vitest';
import { addWindow, bandOf, groupRows, lineColumn, lineStarts, ownSizes, sourceGroup, type FunctionCalls, type ScriptCoverage } from './coverage-map.js';

describe('ownSizes', () => {
  it('subtracts directly nested functions, not grandchildren twice', () => {
    // outer [0,100) holds a [10,40) which holds b [20,30); c [50,60) sits in outer too.
    const sizes = ownSizes([
      { start: 0, end: 100 },
      { start: 20, end: 30 },
      { start: 10, end: 40 },
      { start: 50, end: 60 },
    ]);
    expect(sizes).toEqual([100 - 30 - 10, 10, 30 - 10, 10]);
  });

  it('leaves siblings alone', () => {
    expect(ownSizes([{ start: 5, end: 9 }, { start: 9, end: 20 }])).toEqual([4, 11]);
  });
});

describe('addWindow', () => {
  const cov = (count: number): ScriptCoverage[] => [
    {
      url: 'http://h/assets/a.js',
      functions: [
        { functionName: '', ranges: [{ startOffset: 0, endOffset: 500, count: 1 }] },
        { functionName: 'f', ranges: [{ startOffset: 10, endOffset: 110, count }] },
        { functionName: 'g', ranges: [{ startOffset: 20, endOffset: 40, count: 0 }] },
      ],
    },
    { url: 'pptr://evaluate', functions: [{ functionName: 'x', ranges: [{ startOffset: 1, endOffset: 5, count: 9 }] }] },
  ];

  it('records calls per window, skips the script body, calls of 0 and scripts not kept', () => {
    const t = new Map<string, FunctionCalls>();
    addWindow(t, 0, 3, cov(4), (u) => u.startsWith('http'));
    addWindow(t, 2, 3, cov(7), (u) => u.startsWith('http'));
    expect([...t.keys()]).toEqual(['http://h/assets/a.js#10']);
    const f = t.get('http://h/assets/a.js#10')!;
    expect(f.calls).toEqual([4, 0, 7]);
    // g is nested in f, so f's own size excludes it even though g did not run.
    expect(f.own).toBe(100 - 20);
  });
});

describe('lineColumn', () => {
  it('maps offsets to 1-based lines and 0-based columns', () => {
    const s = lineStarts('ab\ncde\n\nf');
    expect(lineColumn(s, 0)).toEqual({ line: 1, column: 0 });
    expect(lineColumn(s, 4)).toEqual({ line: 2, column: 1 });
    expect(lineColumn(s, 7)).toEqual({ line: 3, column: 0 });
    expect(lineColumn(s, 8)).toEqual({ line: 4, column: 0 });
  });
});

describe('sourceGroup', () => {
  it('names ECharts and zrender by feature folder, other packages by name, the wall by folder', () => {
    expect(sourceGroup('../../node_modules/.pnpm/echarts@6.0.0/node_modules/echarts/lib/chart/line/LineView.js')).toBe('echarts/lib/chart/line');
    expect(sourceGroup('../../node_modules/.pnpm/zrender@6.0.0/node_modules/zrender/lib/graphic/Path.js')).toBe('zrender/lib/graphic');
    expect(sourceGroup('../../node_modules/.pnpm/zrender@6.0.0/node_modules/zrender/lib/zrender.js')).toBe('zrender/lib');
    expect(sourceGroup('../../node_modules/.pnpm/@vue+runtime-core@3.5.22/node_modules/@vue/runtime-core/dist/runtime-core.esm-bundler.js')).toBe('@vue/runtime-core');
    expect(sourceGroup('../../src/modules/InfraModule.vue')).toBe('client/src/modules');
    expect(sourceGroup('../../src/main.ts')).toBe('client/src');
  });
});

describe('groupRows', () => {
  it('bands functions by calls per minute and counts the intermittent ones', () => {
    const rows: FunctionCalls[] = [
      { url: 'u', name: 'hot', start: 1, end: 2, own: 10, calls: [3000, 3000, 3000, 3000] },
      { url: 'u', name: 'slow', start: 3, end: 4, own: 20, calls: [5, 0, 0, 0] },
      { url: 'u', name: 'never', start: 5, end: 6, own: 30, calls: [0, 0, 0, 0] },
    ];
    const [g] = groupRows(rows, 4, () => 'G');
    expect(g!.functions).toBe(2);
    expect(g!.own).toBe(30);
    expect(g!.byBand[bandOf(3000)]).toBe(1);
    expect(g!.byBand[bandOf(1.25)]).toBe(1);
    expect(g!.ownByBand[bandOf(1.25)]).toBe(20);
    expect(g!.intermittent).toBe(1);
    expect(g!.callsPerMin).toBeCloseTo(3001.25);
  });

  it('bands are inclusive at their lower bound', () => {
    expect(bandOf(1000)).toBe(0);
    expect(bandOf(999.9)).toBe(1);
    expect(bandOf(0.5)).toBe(4);
  });
});
