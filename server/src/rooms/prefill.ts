import { SERIES_KEYS } from '@futian/shared';
import type { Store } from '../store/types.js';
import type { Pipeline } from '../pipeline/pipeline.js';

/**
 * Loads the hour of district samples before `to` into a pipeline's chart series.
 * Series keys are history metric names, so the samples the live room wrote are
 * exactly what its charts showed. Used at start-up (charts survive a restart)
 * and when a replay begins (charts show the hour before the replayed range).
 */
export async function prefillSeries(p: Pipeline, store: Store, to: number): Promise<void> {
  for (const key of SERIES_KEYS) {
    for (const row of await store.querySamples(key, 'district', to - 3_600_000, to)) {
      p.publisher.pushSeries(key, [row.ts, Math.round(row.value * 100) / 100]);
    }
  }
}
