// Reads pages of raw reports for replays on its own thread and connection.
// A replay at 3,600× reads hundreds of thousands of rows a second; on the main
// thread each synchronous 1,000-row read cost 2–3 ms and, across four replays,
// about half of the server's CPU (issue #41, `pnpm bench replay-load`). Here the
// read runs beside the event loop, and the rows cross as columns in transferred
// typed arrays, which the main thread turns back into rows for a fraction of the
// cost. Plain JS so it loads without a TS loader (as checkpoint.worker.mjs).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const COLS = 'ts, device, status, busy, power, sensors, source';
const first = db.prepare(`SELECT ${COLS} FROM raw_reports WHERE ts >= ? AND ts < ? ORDER BY ts, device LIMIT ?`).raw(true);
const after = db
  .prepare(`SELECT ${COLS} FROM raw_reports WHERE (ts, device) > (?, ?) AND ts < ? ORDER BY ts, device LIMIT ?`)
  .raw(true);

/** Columns of one page; null is -1 in the integer columns and NaN in power. */
function columns(rows) {
  const n = rows.length;
  const c = {
    n,
    ts: new Float64Array(n),
    device: new Int32Array(n),
    status: new Int8Array(n),
    busy: new Int8Array(n),
    power: new Float64Array(n),
    sensors: new Int32Array(n),
    source: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    c.ts[i] = r[0];
    c.device[i] = r[1];
    c.status[i] = r[2];
    c.busy[i] = r[3] === null ? -1 : r[3];
    c.power[i] = r[4] === null ? Number.NaN : r[4];
    c.sensors[i] = r[5] === null ? -1 : r[5];
    c.source[i] = r[6];
  }
  return c;
}

parentPort.on('message', (m) => {
  if (m === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const rows = m.after ? after.all(m.after.ts, m.after.device, m.to, m.limit) : first.all(m.from, m.to, m.limit);
    const c = columns(rows);
    parentPort.postMessage({ id: m.id, c }, [c.ts.buffer, c.device.buffer, c.status.buffer, c.busy.buffer, c.power.buffer, c.sensors.buffer, c.source.buffer]);
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String(err instanceof Error ? err.message : err) });
  }
});
