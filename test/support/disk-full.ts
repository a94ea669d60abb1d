// Loaded into a stockpipe process with `--import` (NODE_OPTIONS): a disk that fills up. Writes to files under
// DISK_FULL_UNDER fail with ENOSPC, as the kernel fails them, once DISK_FULL_AFTER_BYTES have been written there.
// The failure comes through Node's own fs, so every layer above (PGlite's file system included) meets it as it
// would meet a full disk; no mount, no root.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const under = process.env.DISK_FULL_UNDER ?? '/nonexistent';
const limit = Number(process.env.DISK_FULL_AFTER_BYTES ?? 0);
let written = 0;
const watched = new Set<number>();

function full(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), {
    code: 'ENOSPC',
    errno: -28,
    syscall: 'write',
  });
}

const { openSync, writeSync, closeSync } = fs;
fs.openSync = ((path: fs.PathLike, ...rest: unknown[]) => {
  const fd = (openSync as (...args: unknown[]) => number)(path, ...rest);
  if (String(path).startsWith(under)) watched.add(fd);
  return fd;
}) as typeof fs.openSync;
fs.closeSync = ((fd: number) => {
  watched.delete(fd);
  return closeSync(fd);
}) as typeof fs.closeSync;
fs.writeSync = ((fd: number, data: NodeJS.ArrayBufferView | string, ...rest: unknown[]) => {
  if (watched.has(fd)) {
    const length =
      typeof data === 'string'
        ? Buffer.byteLength(data)
        : typeof rest[1] === 'number'
          ? rest[1]
          : data.byteLength;
    if (written + length > limit) throw full();
    written += length;
  }
  return (writeSync as (...args: unknown[]) => number)(fd, data, ...rest);
}) as typeof fs.writeSync;
syncBuiltinESMExports();
