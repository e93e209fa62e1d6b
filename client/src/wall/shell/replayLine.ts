import type { Lang } from '../../kit/i18n';
import type { ReplayReading } from '../stores/replayClock';
import { clockParts } from './clock';
import { translate } from './strings';

/**
 * The header's replay line: the replayed time in Beijing time, as the wall's own
 * clock shows it, and the speed ("回放 2026-12-07 14:32:10 · 60×").
 */
export function replayLine(r: ReplayReading, lang: Lang): string {
  const { date, time } = clockParts(r.at, lang);
  return translate(lang, r.state === 'running' ? 'replay.clock' : 'replay.ended', { date, time, speed: r.speed });
}
