export type Params = Record<string, string | number>;

/**
 * Fills `{name}` placeholders; unknown names stay visible rather than vanish.
 * Every string table goes through it (defineStrings).
 */
export function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
