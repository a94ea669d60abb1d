import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stockpipe, tempDir } from './support/cli.ts';

// Issue #20.7: the disk fills while the embedded warehouse is first created. The disk is simulated, not mounted:
// support/disk-full.ts, loaded into the CLI, fails Node's own writes under the data dir with ENOSPC after a number
// of bytes, so PGlite meets a full disk exactly where it would (a tmpfs needs root and a mount; this runs anywhere).
const DISK_FULL = fileURLToPath(new URL('./support/disk-full.ts', import.meta.url));
const HOUR = '2024-12-06T15:00Z';

describe('#20.7 disk full while the embedded warehouse is first created', () => {
  it.each([
    ['as the template is laid out', 8],
    ['as PostgreSQL first starts on it', 29],
  ])(
    '%s: one line naming ENOSPC, nothing half-made kept, and a warehouse once there is space',
    async (_, mb) => {
      const dataDir = await tempDir('disk-full');
      // A dry run's plan reads the ledger: the first command to open the warehouse makes it.
      const full = await stockpipe(['backfill', '--from', HOUR, '--to', HOUR, '--dry-run'], {
        STOCKPIPE_DATA_DIR: dataDir,
        NODE_OPTIONS: `--import ${DISK_FULL}`,
        DISK_FULL_UNDER: dataDir,
        DISK_FULL_AFTER_BYTES: String(mb * 1024 * 1024),
      });
      expect(full.code).toBe(1);
      expect(full.stderr).toMatch(
        /^stockpipe: the embedded warehouse could not be created in \S+: no space left on device \(ENOSPC\);[^\n]*\n$/,
      );
      expect((await readdir(dataDir)).filter((name) => /^warehouse(\.partial|$)/.test(name))).toEqual([]);
      // Space again: the warehouse is made, and used.
      const again = await stockpipe(['run', '--hour', HOUR, '--watchlist', 'AMZN'], {
        STOCKPIPE_DATA_DIR: dataDir,
      });
      expect(again.stderr).toMatch(/AMZN +\d+ posts/);
      expect(again.code).toBe(0);
    },
  );
});
