import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface MainRun {
  /** Exit code; null when the process was killed (it started listening, or timed out). */
  code: number | null;
  /** stdout and stderr together, in arrival order. */
  output: string;
  /** Non-empty lines of the output. */
  lines: string[];
  /** It got as far as listening (and was then stopped). */
  listened: boolean;
}

/**
 * Runs the real server entry (server/src/main.ts) the way production does, with
 * only the given environment on top of a clean one, and returns what it printed.
 * A server that starts listening is stopped at once: these runs are about starts
 * that must fail. No WALL_ADMIN_PASSWORD is passed, so a first start would print
 * the one-time password line, which a failed start must never reach.
 */
export function runMain(env: Record<string, string>, timeoutMs = 60_000): Promise<MainRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts')], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        WALL_SKIP_BUILD: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let listened = false;
    const onData = (b: Buffer): void => {
      output += b.toString('utf8');
      if (!listened && output.includes('"wall server listening"')) {
        listened = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, lines: output.split('\n').filter((l) => l.trim() !== ''), listened });
    });
  });
}
