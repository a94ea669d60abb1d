import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawKey } from '../../src/raw/raw-key.ts';
import { stagedCountsRequests } from '../../src/spend/counts-requests.ts';
import { FileRawStore } from '../../src/stores/file-raw-store.ts';

describe('stagedCountsRequests', () => {
  it('counts the counts bodies staged for the watchlist under hours from the start of the billing month on', async () => {
    const raw = new FileRawStore(join(await mkdtemp(join(tmpdir(), 'stockpipe-counted-')), 'raw'));
    const put = (ticker: string, hour: string) =>
      raw.put(
        rawKey('x/recent-counts', ticker, new Date(hour)),
        { body: new Uint8Array(), contentType: 'application/json' },
        'r',
      );
    await put('AMZN', '2026-11-09T23:00Z'); // the month before
    await put('AMZN', '2026-11-10T00:00Z');
    await put('AMZN', '2026-11-24T16:00Z');
    await put('MSFT', '2026-11-24T16:00Z');
    await put('NVDA', '2026-11-24T16:00Z'); // not on the watchlist
    const count = stagedCountsRequests(raw, 'x/recent-counts', ['AMZN', 'MSFT']);
    expect(await count(new Date('2026-11-10T00:00Z'))).toBe(3);
  });
});
