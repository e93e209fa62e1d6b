import { describe, expect, it } from 'vitest';
import { optionPatch, withComponentIds } from './option-patch';

const base = () => ({
  animation: false,
  grid: { left: 10, right: 10, top: 8, bottom: 20 },
  xAxis: { type: 'time', axisLabel: { fontSize: 22, color: '#9ab' } },
  yAxis: { type: 'value', max: 100 },
  series: [
    { id: 'a', type: 'line', data: [[0, 1], [1, 2]], lineStyle: { width: 4 } },
    { id: 'b', type: 'line', data: [[0, 3], [1, 4]], lineStyle: { width: 4 } },
  ],
});

describe('optionPatch', () => {
  it('says "same" when a rebuild produced an equal option, so no setOption is needed', () => {
    expect(optionPatch(base(), base())).toEqual({ kind: 'same' });
  });

  it('sends only the series whose data changed, with its id, and replaces the data array whole', () => {
    const next = base();
    next.series[1]!.data = [[0, 3], [1, 5]];
    expect(optionPatch(base(), next)).toEqual({ kind: 'patch', option: { series: [{ id: 'b', data: [[0, 3], [1, 5]] }] } });
  });

  it('keeps nested changes nested, since objects merge key by key', () => {
    const next = base();
    next.series[0]!.lineStyle.width = 6;
    next.yAxis.max = 120;
    expect(optionPatch(base(), next)).toBeNull(); // yAxis has no id: position matching is not trusted
    const withIds = (o: ReturnType<typeof base>) => ({ ...o, yAxis: { ...o.yAxis, id: 'y' } });
    expect(optionPatch(withIds(base()), withIds(next))).toEqual({
      kind: 'patch',
      option: { yAxis: [{ id: 'y', max: 120 }], series: [{ id: 'a', lineStyle: { width: 6 } }] },
    });
  });

  it('replaces a new formatter closure, which may capture new data', () => {
    const mk = (n: number) => ({ series: [{ id: 's', label: { formatter: () => String(n) }, data: [1] }] });
    const p = optionPatch(mk(1), mk(2));
    if (p?.kind !== 'patch') throw new Error(`expected a patch, got ${JSON.stringify(p)}`);
    const s = (p.option.series as Array<{ id: string; label: { formatter: () => string } }>)[0]!;
    expect(Object.keys(s).sort()).toEqual(['id', 'label']);
    expect(s.label.formatter()).toBe('2');
  });

  it('refuses what a merge cannot express: a key that disappears, a component added, removed, reordered or without id', () => {
    const gone = base() as Record<string, unknown>;
    delete (gone.series as Array<Record<string, unknown>>)[0]!.lineStyle;
    expect(optionPatch(base(), gone)).toBeNull();

    const fewer = base();
    fewer.series.pop();
    expect(optionPatch(base(), fewer)).toBeNull();

    const swapped = base();
    swapped.series.reverse();
    expect(optionPatch(base(), swapped)).toBeNull();

    const noId = (o: ReturnType<typeof base>) => ({ ...o, series: o.series.map(({ id: _id, ...s }) => s) });
    const changed = base();
    changed.series[0]!.data = [[0, 9]];
    expect(optionPatch(noId(base()), noId(changed))).toBeNull();

    const { grid: _g, ...noGrid } = base();
    expect(optionPatch(base(), noGrid)).toBeNull();
    expect(optionPatch(noGrid, base())).toBeNull();
  });

  it('takes the whole option for a changed global value or a component whose merge is special', () => {
    const next = { ...base(), animation: true };
    expect(optionPatch(base(), next)).toEqual({ kind: 'patch', option: { animation: true } });
    expect(optionPatch({ ...base(), graphic: [{ type: 'text' }] }, { ...base(), graphic: [{ type: 'rect' }] })).toBeNull();
    expect(optionPatch({ ...base(), color: ['#f00'] }, { ...base(), color: ['#0f0'] })).toBeNull();
  });

  it('merging the patch into the old option gives the new one (the property the wall relies on)', () => {
    // A stand-in for ECharts' merge rules: objects by key, arrays and the rest replaced, components by id.
    const merge = (t: Record<string, unknown>, s: Record<string, unknown>): void => {
      for (const [k, v] of Object.entries(s)) {
        const cur = t[k];
        if (v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur)) merge(cur as Record<string, unknown>, v as Record<string, unknown>);
        else t[k] = structuredClone(v);
      }
    };
    const apply = (opt: Record<string, unknown>, patch: Record<string, unknown>): void => {
      for (const [k, v] of Object.entries(patch)) {
        if (!Array.isArray(v)) {
          opt[k] = v;
          continue;
        }
        const list = (Array.isArray(opt[k]) ? opt[k] : [opt[k]]) as Array<Record<string, unknown>>;
        for (const c of v as Array<Record<string, unknown>>) merge(list.find((x) => x.id === c.id)!, c);
        opt[k] = list;
      }
    };
    let prev: Record<string, unknown> = base();
    const held = structuredClone(prev);
    for (let i = 1; i < 30; i++) {
      const next = base();
      next.series[i % 2]!.data = [[0, i], [1, i * 2]];
      next.series[0]!.lineStyle.width = 4 + (i % 3);
      const p = optionPatch(prev, next);
      expect(p).not.toBeNull();
      if (p!.kind === 'patch') apply(held, p!.option);
      expect(held).toEqual(next);
      prev = next;
    }
  });
});

describe('withComponentIds', () => {
  it('names unnamed components by position so a patch can address them, and leaves named ones and plain values alone', () => {
    const named = withComponentIds({ animation: false, grid: { left: 1 }, xAxis: [{ type: 'time' }, { id: 'mine' }], series: [{ id: 's' }], color: ['#f00'] });
    expect(named).toEqual({ animation: false, grid: { left: 1, id: 'grid0' }, xAxis: [{ type: 'time', id: 'xAxis0' }, { id: 'mine' }], series: [{ id: 's' }], color: ['#f00'] });
    const next = withComponentIds({ animation: false, grid: { left: 2 }, xAxis: [{ type: 'time' }, { id: 'mine' }], series: [{ id: 's' }], color: ['#f00'] });
    expect(optionPatch(named, next)).toEqual({ kind: 'patch', option: { grid: [{ id: 'grid0', left: 2 }] } });
  });
});
