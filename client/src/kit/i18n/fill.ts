export type Params = Record<string, string | number>;

/**
 * Fills `{name}` placeholders; unknown names stay visible rather than vanish.
 * Every dictionary (shell, modules, ops, console) formats through this one. It
 * imports nothing, so the console bundle does not pull in the wall's strings.
 */
export function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
