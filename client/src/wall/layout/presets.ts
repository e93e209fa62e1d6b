/**
 * Layout presets for the wall sizes the control centre actually has. Each preset
 * names the canvas the layout is designed on; the unit u = real px per design px
 * is derived from the window, so one design renders natively at 1080p and 4K.
 */
export interface LayoutPreset {
  id: LayoutId;
  /** Nominal physical resolution, for labels and screenshots. */
  viewport: { width: number; height: number };
  /** Design canvas in design px (1 rem = 10 design px). */
  design: { width: number; height: number };
  /** Wide walls show every module at once; 16:9 shows overview + rotation. */
  wide: boolean;
  /**
   * Design px reserved along the bottom of the canvas for the alarm strip, under
   * the stage: the module slots are laid out above it, so an alarm never covers a
   * figure. One line of 2 rem text in every preset: every design is 1,080 design px
   * tall, and the wide walls' extra width shows more alarms, not taller ones.
   */
  alarmStrip: number;
}

export const LAYOUT_IDS = ['1080p', '4k', '48x9', '32x9'] as const;
export type LayoutId = (typeof LAYOUT_IDS)[number];

/** The alarm strip's height in design px (see LayoutPreset.alarmStrip). */
export const ALARM_STRIP = 48;

export const LAYOUTS: Readonly<Record<LayoutId, LayoutPreset>> = {
  '1080p': { id: '1080p', viewport: { width: 1920, height: 1080 }, design: { width: 1920, height: 1080 }, wide: false, alarmStrip: ALARM_STRIP },
  '4k': { id: '4k', viewport: { width: 3840, height: 2160 }, design: { width: 1920, height: 1080 }, wide: false, alarmStrip: ALARM_STRIP },
  '48x9': { id: '48x9', viewport: { width: 5760, height: 1080 }, design: { width: 5760, height: 1080 }, wide: true, alarmStrip: ALARM_STRIP },
  '32x9': { id: '32x9', viewport: { width: 7680, height: 2160 }, design: { width: 3840, height: 1080 }, wide: true, alarmStrip: ALARM_STRIP },
};

export function isLayoutId(v: string | null | undefined): v is LayoutId {
  return typeof v === 'string' && (LAYOUT_IDS as readonly string[]).includes(v);
}

/**
 * Picks the preset whose aspect ratio is nearest the window's (compared in log
 * space, so 2:1 is as far from 1:1 as 4:1 is from 2:1). Among 16:9 presets the id
 * only records which wall this is; both share one design.
 */
export function pickLayout(width: number, height: number, requested?: string | null): LayoutPreset {
  if (isLayoutId(requested)) return LAYOUTS[requested];
  if (!(width > 0) || !(height > 0)) return LAYOUTS['1080p'];
  const aspect = Math.log(width / height);
  let best: LayoutPreset = LAYOUTS['1080p'];
  let bestDist = Number.POSITIVE_INFINITY;
  for (const id of LAYOUT_IDS) {
    const p = LAYOUTS[id];
    const d = Math.abs(aspect - Math.log(p.viewport.width / p.viewport.height));
    // Strict < keeps the first of equal candidates: 1080p before 4k.
    if (d < bestDist - 1e-9) {
      best = p;
      bestDist = d;
    }
  }
  if (best.id === '1080p' && width >= 2880) return LAYOUTS['4k'];
  return best;
}

export interface CanvasMetrics {
  layout: LayoutPreset;
  /** Real CSS px per design px. */
  u: number;
  /** Canvas size in real CSS px, letterboxed inside the window when aspects differ. */
  width: number;
  height: number;
  offsetX: number;
  offsetY: number;
  /** Root font size in CSS px: 1 rem = 10 design px. */
  remPx: number;
}

/**
 * u = viewportWidth / designWidth when the window has the design's aspect; when it
 * does not (a 16:10 monitor), the canvas fits inside and is centred, so nothing is
 * clipped and nothing is stretched.
 */
export function canvasMetrics(width: number, height: number, layout: LayoutPreset): CanvasMetrics {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const u = Math.min(w / layout.design.width, h / layout.design.height);
  const cw = layout.design.width * u;
  const ch = layout.design.height * u;
  return {
    layout,
    u,
    width: cw,
    height: ch,
    offsetX: Math.max(0, (w - cw) / 2),
    offsetY: Math.max(0, (h - ch) / 2),
    remPx: 10 * u,
  };
}
