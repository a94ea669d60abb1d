import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stockpipe } from './support/cli.ts';
import { readOnlyMount } from './support/read-only-mount.ts';

// Issue #20.8: a raw/ folder that cannot be written (a read-only mount; skipped where the tests may not mount).
function readOnlyRaw(): { dataDir: string; release(): void } | undefined {
  const dataDir = mkdtempSync(join(tmpdir(), 'stockpipe-read-only-'));
  const raw = join(dataDir, 'raw');
  mkdirSync(raw);
  const release = readOnlyMount(raw);
  return release && { dataDir, release };
}

const readOnly = readOnlyRaw();
afterAll(() => readOnly?.release());

describe('#20.8 a raw store that cannot be written', () => {
  it.skipIf(!readOnly)(
    'fails the ticker saying why (EROFS), not with a misleading ENOENT of mkdir',
    async () => {
      const result = await stockpipe(['run', '--hour', '2024-12-06T15:00Z', '--watchlist', 'AMZN'], {
        STOCKPIPE_DATA_DIR: readOnly?.dataDir,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /AMZN +FAILED at raw: EROFS: read-only file system, mkdir '\S+raw\/sample'/,
      );
    },
  );
});
