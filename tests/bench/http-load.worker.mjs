// Load generator on its own thread and event loop, so the server's event loop
// measures only server work. Plain JS: workers do not go through tsx.
// With `perSecond` set it paces batches (an arrival rate); otherwise it keeps
// `concurrency` requests in flight as fast as the server answers.
// `jitter`: see below.
import { parentPort, workerData } from 'node:worker_threads';

const { url, token, batches, concurrency, perSecond, notify, jitter } = workerData;
let next = 0;
let accepted = 0;
let errors = 0;
const latencies = [];
const t0 = performance.now();

async function send(body) {
  const s = performance.now();
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    const j = await res.json();
    if (res.status !== 202) errors++;
    else accepted += j.accepted;
  } catch {
    errors++;
  }
  latencies.push(performance.now() - s);
}

if (perSecond) {
  const inflight = new Set();
  const interval = 1000 / perSecond;
  for (let i = 0; i < batches.length; i++) {
    // With `jitter`, each batch goes at a random point of its slot, so its phase
    // against the server's 100 ms publish tick is random too: two runs whose
    // fixed phases differ would otherwise differ by up to a tick in latency.
    const due = t0 + (i + (jitter ? Math.random() : 0)) * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    // Wall-clock send time for end-to-end latency (the receiving thread compares it
    // with its own Date-based clock: same process, same clock).
    if (notify) parentPort.postMessage({ type: 'sent', i, at: performance.timeOrigin + performance.now() });
    const p = send(batches[i]).finally(() => inflight.delete(p));
    inflight.add(p);
  }
  await Promise.all(inflight);
} else {
  async function lane() {
    while (next < batches.length) await send(batches[next++]);
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
}
latencies.sort((a, b) => a - b);
parentPort.postMessage({
  type: 'done',
  seconds: (performance.now() - t0) / 1000,
  accepted,
  errors,
  p50: latencies[Math.floor(latencies.length * 0.5)],
  p99: latencies[Math.floor(latencies.length * 0.99)],
});
