import { validateTour, type TourConfig } from '@futian/shared';
import { configFileError, readJsonFile } from '../platform/json-file.js';

/** Loads the versioned tour script; a broken file stops start-up with its problems listed. */
export function loadTour(file: string): TourConfig {
  const t = readJsonFile(file) as TourConfig;
  const errors = validateTour(t);
  if (errors.length > 0) throw configFileError(file, errors.join('; '));
  return t;
}
