import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stockpipe } from './support/cli.ts';

// Issue #20.8: a raw/ folder that cannot be written. Root writes through any permission, so a read-only folder for
// real is a read-only bind mount (EROFS); where the tests may not mount, the test is skipped.
function readOnlyRaw(): { dataDir: string; release(): void } | undefined {
  const dataDir = mkdtempSync(join(tmpdir(), 'stockpipe-read-only-'));
  const raw = join(dataDir, 'raw');
  mkdirSync(raw);
  try {
    execFileSync('mount', ['--bind', raw, raw], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const release = () => execFileSync('umount', [raw], { stdio: 'ignore' });
  try {
    execFileSync('mount', ['-o', 'remount,bind,ro', raw], { stdio: 'ignore' });
  } catch {
    release();
    return undefined;
  }
  return { dataDir, release };
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
