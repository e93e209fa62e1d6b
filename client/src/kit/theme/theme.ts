/**
 * The one source of colours and fonts. CSS reads them as custom properties (set by
 * applyTheme at start-up) and option builders read them as values, so a chart and
 * the tile around it can never drift apart.
 */
export interface Theme {
  id: string;
  font: string;
  /** Numerals: same family; tabular figures come from font-variant-numeric / ECharts rich text. */
  numFont: string;
  bg: string;
  bgDeep: string;
  panel: string;
  panelEdge: string;
  panelGlow: string;
  grid: string;
  text: string;
  textDim: string;
  textMuted: string;
  accent: string;
  accent2: string;
  status: {
    online: string;
    offline: string;
    fault: string;
    silent: string;
  };
  stale: string;
  simulated: string;
  /** Line colours in the order charts use them. */
  series: readonly string[];
}

const CJK_SANS = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

export const darkTheme: Theme = {
  id: 'dark',
  font: CJK_SANS,
  numFont: CJK_SANS,
  bg: '#040b1a',
  bgDeep: '#020714',
  panel: 'rgba(9, 30, 62, 0.72)',
  panelEdge: 'rgba(56, 189, 248, 0.32)',
  panelGlow: 'rgba(34, 211, 238, 0.16)',
  grid: 'rgba(148, 197, 255, 0.14)',
  text: '#e8f3ff',
  textDim: '#a9c1e0',
  textMuted: '#7190b8',
  accent: '#22d3ee',
  accent2: '#2dd4bf',
  status: {
    online: '#34d399',
    offline: '#94a3b8',
    fault: '#fb7185',
    silent: '#c4b5fd',
  },
  stale: '#fbbf24',
  simulated: '#f0abfc',
  series: ['#22d3ee', '#34d399', '#fbbf24', '#a78bfa', '#fb7185'],
};

/** CSS custom properties derived from the theme; kebab-case names under --c-*. */
export function themeVars(t: Theme): Record<string, string> {
  return {
    '--font': t.font,
    '--font-num': t.numFont,
    '--c-bg': t.bg,
    '--c-bg-deep': t.bgDeep,
    '--c-panel': t.panel,
    '--c-panel-edge': t.panelEdge,
    '--c-panel-glow': t.panelGlow,
    '--c-grid': t.grid,
    '--c-text': t.text,
    '--c-text-dim': t.textDim,
    '--c-text-muted': t.textMuted,
    '--c-accent': t.accent,
    '--c-accent2': t.accent2,
    '--c-online': t.status.online,
    '--c-offline': t.status.offline,
    '--c-fault': t.status.fault,
    '--c-silent': t.status.silent,
    '--c-stale': t.stale,
    '--c-sim': t.simulated,
  };
}

export function applyTheme(t: Theme, el: HTMLElement = document.documentElement): void {
  for (const [k, v] of Object.entries(themeVars(t))) el.style.setProperty(k, v);
}
