import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '@stockpipe/shared';

/**
 * The data dir as an absolute path, made if missing. A path that names a file, or a folder this process cannot
 * write, is a configuration error (exit 2, naming the variable), found before anything starts in it.
 */
export async function usableDataDir(dataDir: string): Promise<string> {
  const path = resolve(dataDir);
  try {
    await makeFolders(path);
    if (!(await stat(path)).isDirectory()) throw Object.assign(new Error(path), { code: 'ENOTDIR' });
    await access(path, constants.W_OK);
  } catch (error) {
    throw unusable(path, error);
  }
  return path;
}

/**
 * A folder inside the data dir that is there already (the embedded warehouse) and must be written: one this
 * process cannot write (a read-only mount, another user's files) is the same configuration error, found before
 * anything opens it; PGlite itself would only say it "failed to initialize properly".
 */
export async function checkWritableInside(path: string): Promise<void> {
  try {
    await access(path, constants.W_OK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw unusable(path, error);
  }
}

/**
 * The data dir holds an embedded warehouse; nothing is made to check it. A relative STOCKPIPE_DATA_DIR is taken from
 * where stockpipe runs, so a reader started in another folder would otherwise find nothing there and report every
 * hour missing. A data dir that is there but unusable (a file, not writable) says why, as for any command.
 */
export async function requireWarehouseIn(dataDir: string): Promise<void> {
  const path = resolve(dataDir);
  const there = await stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
  );
  if (there) await usableDataDir(path);
  const found = await stat(resolve(path, 'warehouse')).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (found) return;
  throw new ConfigError([
    `STOCKPIPE_DATA_DIR: ${path} holds no warehouse yet; load some hours first (pnpm demo, stockpipe run or ` +
      'backfill), or point STOCKPIPE_DATA_DIR at the data dir that holds them (a relative one is taken from the folder stockpipe runs in)',
  ]);
}

function unusable(path: string, error: unknown): ConfigError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOTDIR' || code === 'EEXIST'
      ? 'it, or a folder above it, is a file'
      : code === 'EROFS'
        ? 'it is on a read-only file system'
        : code === 'EACCES' || code === 'EPERM'
          ? 'this user cannot write there'
          : `it cannot be made (${code ?? String(error)})`;
  return new ConfigError([`STOCKPIPE_DATA_DIR: expected a folder stockpipe can write; ${path}: ${why}`]);
}

/**
 * mkdir -p, a level at a time: Node's recursive mkdir loops for ever where a level can never be made (under /proc,
 * where the parent exists but refuses new folders), so a bad STOCKPIPE_DATA_DIR would hang the job; and where a
 * level cannot be made (a read-only or unwritable folder) it says ENOENT, not why (EROFS, EACCES).
 */
export async function makeFolders(path: string): Promise<void> {
  try {
    await mkdir(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || dirname(path) === path) throw error;
    await makeFolders(dirname(path));
    await mkdir(path).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again;
    });
  }
}
