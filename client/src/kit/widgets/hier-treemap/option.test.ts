import { describe, expect, it } from 'vitest';
import type { TreemapSeriesOption } from 'echarts/charts';
import { darkTheme } from '../../theme/theme';
import { buildTreemapOption, DESIGN, groupColors, groupValue } from './option';
import { emptyFixture, fixture } from './fixture';

const at1080 = { width: 700, height: 600, u: 1 };
const at4k = { width: 1400, height: 1200, u: 2 };

type Node = { id: string; name: string; value: number; groupTotal?: number | null; children?: Node[] };
const seriesOf = (o: ReturnType<typeof buildTreemapOption>) => (o.series as TreemapSeriesOption[])[0]!;
const nodesOf = (o: ReturnType<typeof buildTreemapOption>) => seriesOf(o).data as unknown as Node[];

describe('buildTreemapOption', () => {
  it('nests the twelve sectors under the six boards, with exact board totals', () => {
    const nodes = nodesOf(buildTreemapOption(fixture, darkTheme, at1080));
    expect(nodes.map((n) => n.name)).toEqual(fixture.groups.map((g) => g.name));
    expect(nodes.flatMap((n) => n.children ?? []).map((c) => c.name)).toHaveLength(12);
    expect(nodes[0]!.groupTotal).toBe(99.85);
    expect(nodes[5]!.groupTotal).toBe(147.31);
    const units = nodes.reduce((a, n) => a + Math.round((n.groupTotal ?? 0) * 100), 0);
    expect(units).toBe(62492);
  });

  it('labels boards with their total and sectors with value and share of 624.92', () => {
    const s = seriesOf(buildTreemapOption(fixture, darkTheme, at1080));
    const upper = (s.upperLabel as { formatter: (p: unknown) => string }).formatter({ name: '示例⑤ 金融科技', data: { groupTotal: 130.23 } });
    expect(upper).toBe('示例⑤ 金融科技  130.23');
    const leaf = (s.label as { formatter: (p: unknown) => string }).formatter({ name: '金融科技', value: 130.23 });
    expect(leaf).toBe('{n|金融科技}\n{v|130.23}\n{s|20.8%}');
    expect(s.roam).toBe(false);
    expect(s.nodeClick).toBe(false);
  });

  it('gives each board its own colour', () => {
    const nodes = nodesOf(buildTreemapOption(fixture, darkTheme, at1080)) as unknown as Array<{ itemStyle: { borderColor: string } }>;
    expect(new Set(nodes.map((n) => n.itemStyle.borderColor)).size).toBe(6);
    expect(groupColors(darkTheme).length).toBeGreaterThanOrEqual(6);
  });

  it('scales label fonts and header height with u', () => {
    const a = seriesOf(buildTreemapOption(fixture, darkTheme, at1080));
    const b = seriesOf(buildTreemapOption(fixture, darkTheme, at4k));
    expect((a.upperLabel as { fontSize: number }).fontSize).toBe(DESIGN.groupFont);
    expect((b.upperLabel as { fontSize: number }).fontSize).toBe(DESIGN.groupFont * 2);
    expect((b.upperLabel as { height: number }).height).toBe(DESIGN.upperHeight * 2);
    const rich = (s: typeof a) => (s.label as { rich: { n: { fontSize: number } } }).rich.n.fontSize;
    expect(rich(b)).toBe(rich(a) * 2);
  });

  it('handles no groups and a missing member without NaN or a false total', () => {
    const o = buildTreemapOption(emptyFixture, darkTheme, at1080);
    expect(nodesOf(o)).toEqual([]);
    const gap = { ...fixture, groups: [{ id: 'g', name: 'g', children: [{ id: 'a', name: 'a', value: 1 }, { id: 'b', name: 'b', value: null }] }] };
    const n = nodesOf(buildTreemapOption(gap, darkTheme, at1080))[0]!;
    expect(n.groupTotal).toBeNull();
    expect(n.children).toHaveLength(1);
    expect(JSON.stringify(buildTreemapOption(gap, darkTheme, at1080))).not.toContain('NaN');
    expect(groupValue(gap.groups[0]!, 2)).toBeNull();
  });
});
