// Types for the test, which imports the checker directly (scripts/tsconfig.json has no allowJs).
export interface BoundaryReport {
  /** One line per violation, `rule-name: from → to`, sorted. */
  violations: string[];
  modules: number;
  dependencies: number;
}
export function checkBoundaries(root?: string): Promise<BoundaryReport>;
