import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeFolders } from './data-dir.ts';

/**
 * Writes to a temporary file, then renames it onto `path`: a reader sees the old file or the new one, never half
 * of one. `tmpDir` must be on the same file system as `path`; the stores use one folder in the data dir, so
 * `sweepTemporaryFiles` can clear what a killed process left there without walking the whole tree.
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  tmpDir = dirname(path),
): Promise<void> {
  await Promise.all([ensureDir(dirname(path)), ensureDir(tmpDir)]);
  const temporary = join(tmpDir, `${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes like writeFileAtomic, unless the file already holds exactly these bytes: a rerun or replay that brings
 * the same documents then only reads (a write, a rename and a journal entry cost far more than a cached read).
 */
export async function writeFileIfChanged(
  path: string,
  data: string,
  tmpDir = dirname(path),
): Promise<'written' | 'unchanged'> {
  const current = await readFile(path).catch(() => null);
  if (current?.equals(Buffer.from(data))) return 'unchanged';
  await writeFileAtomic(path, data, tmpDir);
  return 'written';
}

// Folders this process made or found: a replay writes tens of thousands of files into a few thousand folders.
const madeDirs = new Set<string>();

async function ensureDir(dir: string): Promise<void> {
  if (madeDirs.has(dir)) return;
  await makeFolders(dir);
  if (madeDirs.size > 100_000) madeDirs.clear(); // bounded: a long replay must not grow without end
  madeDirs.add(dir);
}

// No write takes this long: a file this old is stale even if its pid now belongs to another process.
const STALE_AFTER_MS = 3_600_000;

/**
 * Removes the temporary files in `tmpDir` whose writer is no longer running (killed midway: SIGKILL, a crash,
 * a full disk). A live writer's files are left alone, so two processes can share the folder.
 */
export async function sweepTemporaryFiles(tmpDir: string, now = Date.now()): Promise<number> {
  const names = (await readdir(tmpDir).catch(() => [] as string[])).filter((n) => n.endsWith('.tmp'));
  const stale = await Promise.all(
    names.map(async (name) => {
      const pid = Number(name.split('.')[0]);
      if (pid === process.pid) return false;
      if (!Number.isInteger(pid) || !isRunning(pid)) return true;
      const modified = await stat(join(tmpDir, name)).then(
        (s) => s.mtimeMs,
        () => now,
      );
      return now - modified > STALE_AFTER_MS;
    }),
  );
  const doomed = names.filter((_, i) => stale[i]);
  await Promise.all(doomed.map((name) => rm(join(tmpDir, name), { force: true })));
  return doomed.length;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
