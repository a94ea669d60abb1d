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
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOTDIR' || code === 'EEXIST'
        ? 'it, or a folder above it, is a file'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'this user cannot write there'
          : `it cannot be made (${code ?? String(error)})`;
    throw new ConfigError([`STOCKPIPE_DATA_DIR: expected a folder stockpipe can write; ${path}: ${why}`]);
  }
  return path;
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
