import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stockpipe } from './support/cli.ts';
import { readOnlyMount } from './support/read-only-mount.ts';
import { readRows } from './support/warehouse.ts';

// Issue #19.9.2: a data dir whose embedded warehouse cannot be written (copied from another user, a read-only
// mount). PGlite alone said "PGlite failed to initialize properly". Skipped where the tests may not mount.
const dataDir = mkdtempSync(join(tmpdir(), 'stockpipe-read-only-warehouse-'));
// A warehouse made as usual (opened once), then made read-only.
await readRows(undefined, dataDir);
const release = readOnlyMount(join(dataDir, 'warehouse'));
afterAll(() => release?.());

describe('#19.9.2 an embedded warehouse that cannot be written', () => {
  it.skipIf(!release)(
    'exits 2 with one line naming the folder and why, as for any unusable data dir',
    async () => {
      const result = await stockpipe(['status'], { STOCKPIPE_DATA_DIR: dataDir });
      expect(result.stderr).toBe(
        `stockpipe: bad configuration: STOCKPIPE_DATA_DIR: expected a folder stockpipe can write; ${join(dataDir, 'warehouse')}: it is on a read-only file system\n`,
      );
      expect(result.code).toBe(2);
    },
  );
});
