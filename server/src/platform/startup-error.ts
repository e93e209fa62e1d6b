import path from 'node:path';

/**
 * A reason the server cannot start that the operator can fix: a configuration
 * file, an environment variable, the data directory. The message is the whole
 * report, one line naming the file or variable and the cause, because the person
 * reading it is at a console during an install, not a developer with the source:
 * the entry prints it without a stack. A message never carries a secret.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A path as the operator would type it: relative to the working directory when inside it. */
export function shownPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

const FS_CAUSES: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'exists and is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EMFILE: 'too many open files',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
  EIO: 'input/output error',
  EADDRINUSE: 'address already in use',
  EADDRNOTAVAIL: 'address not available on this host',
};

/** The cause of a file-system error in words, without the path and syscall Node puts in its message. */
export function fsCause(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code && FS_CAUSES[code]) return FS_CAUSES[code];
  return firstLine(err instanceof Error ? err.message : String(err));
}

function firstLine(s: string): string {
  return s.split('\n', 1)[0]!.trim();
}

/**
 * The one line the entry prints for a start that failed. An unexpected error is a
 * bug, not a setting, but the operator still gets one line; the stack is there
 * for whoever runs with LOG_LEVEL=debug.
 */
export function startupFailureLine(err: unknown): string {
  if (err instanceof StartupError) return `futian-wall: cannot start: ${firstLine(err.message)}`;
  const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return `futian-wall: cannot start: ${firstLine(msg)} (run with LOG_LEVEL=debug for details)`;
}
