/**
 * How kit's own HTTP reads (the geo layers) identify the page to the server's
 * read endpoints, which, with open view off, answer only an enrolled screen
 * (`Authorization: Screen <credential>`), a console session or a read token.
 * The app sets it once it knows its credential; kit never learns where the
 * credential came from. Kept free of imports so setting it costs the entry
 * chunk nothing of what reads it.
 */
let authorization: string | null = null;

/** `Screen <credential>` for an enrolled wall; null for an anonymous page (open view) or the console (cookie). */
export function setReadAuthorization(value: string | null): void {
  authorization = value;
}

/** Headers for a GET to a read endpoint. */
export function readHeaders(): Record<string, string> {
  return authorization ? { authorization } : {};
}
