import { readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Makes a folder atomically: `make` builds it beside `dir` (on the same file system), and only a finished one is
 * renamed into place. A failure midway (a full disk, a kill) leaves nothing at `dir`, so the next attempt builds
 * again instead of opening half of one; what an earlier failure left aside is removed first. The caller holds the
 * data dir's lock: no other process builds there meanwhile.
 */
export async function createAside(dir: string, make: (aside: string) => Promise<void>): Promise<void> {
  const parent = dirname(dir);
  const leftovers = (await readdir(parent)).filter((name) => name.startsWith(`${basename(dir)}.partial-`));
  await Promise.all(leftovers.map((name) => rm(join(parent, name), { recursive: true, force: true })));
  const aside = `${dir}.partial-${process.pid}`;
  try {
    await make(aside);
    // Whatever is at `dir` is no cluster (it has no PG_VERSION): an empty folder, or half of one an older version left.
    await rm(dir, { recursive: true, force: true });
    await rename(aside, dir);
  } catch (error) {
    await rm(aside, { recursive: true, force: true }).catch(() => {});
    throw error;
  }
}
