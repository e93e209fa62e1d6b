// Runs WAL checkpoints on its own thread and connection. With auto-checkpoint
// off on the ingest connection, the copy of WAL pages into the database never
// happens inside an ingest commit, where it would stall the event loop for
// tens to hundreds of milliseconds. Plain JS so it loads without a TS loader.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const every = workerData.everyMs ?? 1000;
let stopped = false;

function checkpoint() {
  if (stopped) return;
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpoint', busy: r.busy, log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: String(err) });
  }
  setTimeout(checkpoint, every);
}
setTimeout(checkpoint, every);

parentPort.on('message', (m) => {
  if (m === 'stop') {
    stopped = true;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } finally {
      db.close();
      parentPort.close();
    }
  }
});
