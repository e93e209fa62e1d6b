// Baseline for `pnpm bench e2e`: the least a server can do between an ingest POST
// and a push to 50 clients. It reads the body, JSON-parses it, and broadcasts the
// probe report over raw `ws` at once: no validation, storage, coalescing or
// socket.io framing. Runs in its own process, like the real server.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const { reports } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const probe = reports.find((r) => r.deviceId.startsWith('PROBE-'));
    if (probe) {
      const msg = JSON.stringify({ probe: { deviceId: probe.deviceId, ts: probe.ts } });
      for (const c of wss.clients) c.send(msg);
    }
    res.writeHead(202, { 'content-type': 'application/json' });
    res.end(`{"accepted":${reports.length}}`);
  });
});
const wss = new WebSocketServer({ server });
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on('SIGTERM', () => process.exit(0));
