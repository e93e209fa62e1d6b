import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * Which hops may say who the client is (X-Forwarded-For). Nothing by default:
 * on a LAN anyone can send the header, so it counts only from the proxies the
 * deployment names (WALL_TRUST_PROXY: a hop count, or addresses and subnets).
 */
export type TrustProxy = false | number | string[];

/** Same answer as express's `req.ip` under the same setting, for socket handshakes too. */
export function clientAddress(trust: TrustProxy): (req: IncomingMessage) => string {
  const fn =
    trust === false ? () => false : typeof trust === 'number' ? (_addr: string, i: number) => i < trust : proxyaddr.compile(trust);
  return (req) => {
    try {
      return proxyaddr(req, fn);
    } catch {
      // A socket already closed has no remote address.
      return 'unknown';
    }
  };
}

/** The value for `app.set('trust proxy', …)` that means the same. */
export function expressTrust(trust: TrustProxy): boolean | number | string[] {
  return trust === false ? false : trust;
}
