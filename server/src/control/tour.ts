import { readFileSync } from 'node:fs';
import { validateTour, type TourConfig } from '@futian/shared';

/** Loads the versioned tour script; a broken file stops start-up with its problems listed. */
export function loadTour(file: string): TourConfig {
  const t = JSON.parse(readFileSync(file, 'utf8')) as TourConfig;
  const errors = validateTour(t);
  if (errors.length > 0) throw new Error(`${file}: ${errors.join('; ')}`);
  return t;
}
