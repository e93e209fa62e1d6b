import { SUBDISTRICTS, type DeviceKind } from '@futian/shared';
import { largestRemainder } from './allocate.js';

/**
 * The spatial model. No source splits Futian's 5G, smart-pole or charging
 * figures by sub-district, so the fleet is spread by a stated model (MODEL.md):
 *
 *   weight(sub-district) = polygon area × intensity ^ γ(layer)
 *
 * `intensity` is how built-up and busy a sub-district is relative to the
 * district average; γ says how strongly a layer follows it.
 */
export const URBAN_INTENSITY: Readonly<Record<string, number>> = {
  '440304001': 1.2, // 南园: dense old residential and commercial blocks
  '440304002': 1.2, // 园岭: dense residential, 八卦岭 industrial blocks
  '440304004': 1.6, // 福田: CBD core
  '440304005': 0.9, // 沙头: 车公庙 offices, but mangrove and bay-front land
  '440304006': 1.4, // 香蜜湖: new financial centre, CBD west
  '440304007': 0.55, // 梅林: largest, but 梅林山 and 银湖 mountain park land
  '440304008': 1.4, // 莲花: civic centre and CBD north (莲花山 park keeps it below 福田)
  '440304009': 1.1, // 华富: mixed residential
  '440304010': 1.0, // 福保: bonded zone and port
  '440304011': 1.8, // 华强北: electronics market, densest daytime population
};

/**
 * γ per layer. Base stations follow people and traffic (1). Poles line roads,
 * which exist everywhere, so they follow intensity more weakly (0.7). Charging
 * sites follow parking demand (1). Fast-charge hubs need land and serve taxis
 * on the move, so they follow area more than density (0.3).
 */
export type Layer = DeviceKind | 'pileSite' | 'fastSite';
export const LAYER_GAMMA: Readonly<Record<Layer, number>> = {
  bs5g: 1,
  pole: 0.7,
  pile: 1,
  pileSite: 1,
  fastSite: 0.3,
};

export function layerWeights(layer: Layer): number[] {
  const g = LAYER_GAMMA[layer];
  return SUBDISTRICTS.map((s) => s.areaKm2 * Math.pow(URBAN_INTENSITY[s.adcode] ?? 1, g));
}

/** Exact integer counts per sub-district, in SUBDISTRICTS order. */
export function allocateLayer(layer: Layer, total: number): number[] {
  return largestRemainder(total, layerWeights(layer));
}

const HOUR = 3_600_000;
/** China has had no daylight saving since 1991, so Asia/Shanghai is a fixed UTC+8. */
const SHANGHAI_OFFSET = 8 * HOUR;

/** Fractional local hour in Asia/Shanghai, 0 ≤ h < 24. */
export function shanghaiHour(t: number): number {
  const ms = (((t + SHANGHAI_OFFSET) % (24 * HOUR)) + 24 * HOUR) % (24 * HOUR);
  return ms / HOUR;
}

/** Target share of piles busy, by local hour (index = hour, linear in between). */
export const UTILISATION_SLOW: readonly number[] = [
  0.3, 0.22, 0.14, 0.1, 0.08, 0.08, 0.1, 0.14, 0.18, 0.2, 0.22, 0.22, //
  0.24, 0.24, 0.22, 0.22, 0.24, 0.28, 0.36, 0.48, 0.56, 0.6, 0.56, 0.44,
];
/** Fast hubs: taxis and ride-hailing top up around midday and in the afternoon. */
export const UTILISATION_FAST: readonly number[] = [
  0.3, 0.24, 0.14, 0.1, 0.08, 0.1, 0.18, 0.26, 0.32, 0.36, 0.44, 0.56, //
  0.64, 0.68, 0.66, 0.6, 0.5, 0.42, 0.4, 0.44, 0.46, 0.44, 0.4, 0.36,
];

export function utilisationAt(t: number, fast: boolean): number {
  const curve = fast ? UTILISATION_FAST : UTILISATION_SLOW;
  const h = shanghaiHour(t);
  const i = Math.floor(h);
  const a = curve[i % 24] ?? 0;
  const b = curve[(i + 1) % 24] ?? 0;
  return a + (b - a) * (h - i);
}
