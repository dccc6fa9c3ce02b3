// A state file that could not be read or written, as one line a person can
// act on (which file, what went wrong, what to do), never a stack.

export class StoreError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** `permission denied`, `no space left on device`, … for an fs error. */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
      return 'permission denied';
    case 'EPERM':
      return 'operation not permitted';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EFBIG':
      return 'file too large (a file-size limit was reached)';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory';
    case 'EISDIR':
      return 'is a directory';
    default:
      return (e?.message ?? String(err)).split('\n')[0]!;
  }
}

/** The message of any error, StoreError or not, as one line. */
export function errorLine(err: unknown): string {
  if (err instanceof StoreError) return err.message;
  return describeFsError(err);
}
