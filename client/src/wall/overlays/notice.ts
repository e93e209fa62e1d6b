import type { Notice, WallControl } from '@futian/shared';

/**
 * The notice to show now. Expiry is checked here against server time as well as
 * on the server: a wall that is offline when the server clears the notice must
 * still take it down on time.
 */
export function activeNotice(control: WallControl | null, serverNow: number): Notice | null {
  const n = control?.notice ?? null;
  return n && n.expiresAt > serverNow ? n : null;
}
