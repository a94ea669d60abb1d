import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '@stockpipe/shared';

/**
 * The data dir as an absolute path, made if missing. A path that names a file, or a folder this process cannot
 * write, is a configuration error (exit 2, naming the variable), found before anything starts in it.
 */
export async function usableDataDir(dataDir: string): Promise<string> {
  const path = resolve(dataDir);
  try {
    await mkdir(path, { recursive: true });
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
