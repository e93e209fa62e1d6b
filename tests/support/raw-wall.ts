import WebSocket from 'ws';

/**
 * A /wall client below socket.io: a bare engine.io WebSocket that can stop
 * reading while it keeps writing, as a hostile or broken client would. It
 * speaks just enough of the protocol (open, namespace connect, events with ack
 * ids) to ask for snapshots.
 */
export class RawWallClient {
  private readonly ws: WebSocket;
  private ackId = 0;
  received = 0;
  closed = false;
  readonly ready: Promise<void>;

  constructor(url: string) {
    const u = new URL(url);
    this.ws = new WebSocket(`ws://${u.host}/socket.io/?EIO=4&transport=websocket`);
    this.ws.on('close', () => {
      this.closed = true;
    });
    this.ready = new Promise((resolve, reject) => {
      this.ws.once('error', reject);
      this.ws.on('message', (data: Buffer) => {
        this.received += data.length;
        const text = data.toString();
        if (text.startsWith('0')) this.ws.send('40/wall,');
        else if (text.startsWith('40/wall')) resolve();
        else if (text === '2') this.ws.send('3');
      });
    });
  }

  /** Sends `n` acknowledged resyncs without waiting for any answer. */
  resync(n: number): void {
    for (let i = 0; i < n; i++) this.ws.send(`42/wall,${this.ackId++}["wall:resync",{"lastSeq":-1}]`);
  }

  /** Stops reading from the socket: what the server sends piles up in its buffers. */
  stopReading(): void {
    // ws's own pause: pausing the TCP socket alone is undone when ws's receiver drains.
    this.ws.pause();
  }

  close(): void {
    this.ws.terminate();
  }
}
