import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WatchEntry } from '@stockpipe/shared';
import { describe, expect, it } from 'vitest';
import type { RawResponse, VolumeSource } from '../../src/ports.ts';
import type { TickerHour } from '../../src/run/outcome.ts';
import { PostVolumes } from '../../src/run/post-volumes.ts';
import { countVolumes } from '../../src/run/volume.ts';
import { SampleVolumeSource, sampleVolume } from '../../src/sources/sample-volume-source.ts';
import { FileRawStore } from '../../src/stores/file-raw-store.ts';
import { HOUR_MS } from '../../src/time/hours.ts';
import { recordingLogger } from '../support/recording-logger.ts';

const amazon = { ticker: 'AMZN', query: '#Amazon' };
const apple = { ticker: 'AAPL', query: '#Apple' };
// Five past the hour, as the schedule runs: 16:00–17:00 is the last hour over.
const now = new Date('2026-11-28T17:05Z');
const at = (iso: string) => new Date(iso);
const hoursFrom = (first: string, count: number) =>
  Array.from({ length: count }, (_, i) => new Date(Date.parse(first) + i * HOUR_MS));

/** The sample counts, billed like X's, each request recorded; `fail` makes them fail instead. */
class RecordingSource implements VolumeSource {
  readonly rawPrefix = 'x/recent-counts';
  readonly reach = { backMs: 7 * 24 * HOUR_MS, billed: true };
  readonly asked: { ticker: string; from: string; to: string }[] = [];
  fail: Error | undefined;
  answer: ((from: Date, to: Date) => RawResponse) | undefined;
  readonly #sample = new SampleVolumeSource();

  async fetchCounts(entry: WatchEntry, from: Date, to: Date): Promise<RawResponse> {
    this.asked.push({ ticker: entry.ticker, from: from.toISOString(), to: to.toISOString() });
    if (this.fail) throw this.fail;
    return this.answer?.(from, to) ?? this.#sample.fetchCounts(entry, from, to);
  }
}

async function setUp() {
  const dir = await mkdtemp(join(tmpdir(), 'stockpipe-volumes-'));
  const raw = new FileRawStore(join(dir, 'raw'));
  const source = new RecordingSource();
  let clock = now;
  const command = () => new PostVolumes(source, raw, () => clock);
  const setNow = (next: Date) => {
    clock = next;
  };
  return { dir, raw, source, command, setNow };
}
const ask = (
  entry: WatchEntry,
  hours: Date[],
  over: Partial<Parameters<PostVolumes['volumesOf']>[0]> = {},
) => ({
  entry,
  hours,
  fetch: true,
  runId: 'r1',
  ...over,
});
const counts = (volumes: Map<number, number | null>) => [...volumes.values()];

describe('PostVolumes: each hour’s post volume, never paid twice', () => {
  it('asks once for a ticker’s hours, from the first wanted to the last that is over, and stages the body under its newest hour', async () => {
    const { dir, source, command } = await setUp();
    const hours = hoursFrom('2026-11-28T10:00Z', 7);
    const result = await command().volumesOf(ask(amazon, hours));
    expect(source.asked).toEqual([
      { ticker: 'AMZN', from: '2026-11-28T10:00:00.000Z', to: '2026-11-28T17:00:00.000Z' },
    ]);
    expect(result.requests).toBe(1);
    expect(counts(result.volumes)).toEqual(hours.map((h) => sampleVolume('AMZN', h.getTime())));
    const staged = JSON.parse(
      await readFile(join(dir, 'raw/x/recent-counts/ticker=AMZN/hour=2026-11-28T16/response.json'), 'utf8'),
    );
    expect(staged.data).toHaveLength(7);
  });

  it('reads what is staged first: another command counts the same hours with no request', async () => {
    const { source, command } = await setUp();
    const hours = hoursFrom('2026-11-28T10:00Z', 7);
    const first = await command().volumesOf(ask(amazon, hours));
    const again = await command().volumesOf(ask(amazon, hours.slice(2, 4)));
    expect(source.asked).toHaveLength(1);
    expect(again.requests).toBe(0);
    expect(counts(again.volumes)).toEqual(counts(first.volumes).slice(2, 4));
  });

  it('asks each ticker once per command whatever its batches: one request covers the hours after the first', async () => {
    const { source, command } = await setUp();
    const volumes = command();
    // A backfill of hour-long batches, two tickers each.
    for (const hour of hoursFrom('2026-11-22T00:00Z', 6 * 24)) {
      await volumes.volumesOf(ask(amazon, [hour]));
      await volumes.volumesOf(ask(apple, [hour]));
    }
    expect(source.asked).toEqual([
      { ticker: 'AMZN', from: '2026-11-22T00:00:00.000Z', to: '2026-11-28T17:00:00.000Z' },
      { ticker: 'AAPL', from: '2026-11-22T00:00:00.000Z', to: '2026-11-28T17:00:00.000Z' },
    ]);
  });

  it('counts no hour that is not over or beyond X’s 7 days: those stay null, and are not asked', async () => {
    const { source, command, setNow } = await setUp();
    const tooOld = at('2026-11-21T16:00Z');
    const current = at('2026-11-28T17:00Z');
    const result = await command().volumesOf(ask(amazon, [tooOld, current]));
    expect(source.asked).toEqual([]);
    expect(counts(result.volumes)).toEqual([null, null]);
    // Ten seconds after 17:00 the hour 16:00 is over, but X counts no hour that ended less than 10 s ago.
    setNow(at('2026-11-28T17:00:10Z'));
    const early = await command().volumesOf(ask(amazon, [at('2026-11-28T16:00Z')]));
    expect(counts(early.volumes)).toEqual([null]);
    expect(source.asked).toEqual([]);
  });

  it('leaves the hours null with the reason when the request fails, and does not ask again in the command', async () => {
    const { source, command } = await setUp();
    source.fail = new Error('AMZN: X answered 503: Service Unavailable');
    const volumes = command();
    const result = await volumes.volumesOf(ask(amazon, [at('2026-11-28T15:00Z')]));
    expect(result).toMatchObject({ requests: 1, problem: 'AMZN: X answered 503: Service Unavailable' });
    expect(counts(result.volumes)).toEqual([null]);
    const later = await volumes.volumesOf(ask(amazon, [at('2026-11-28T16:00Z')]));
    expect(later.requests).toBe(0);
    expect(source.asked).toHaveLength(1);
  });

  it('sets a body that does not read aside with its reason, and asks again for its hours', async () => {
    const { dir, source, command } = await setUp();
    const folder = join(dir, 'raw/x/recent-counts/ticker=AMZN/hour=2026-11-28T16');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'response.json'), '<html>captive portal</html>');
    const result = await command().volumesOf(ask(amazon, [at('2026-11-28T16:00Z')]));
    // Counted again: nothing to complain of.
    expect(result.problem).toBeUndefined();
    expect(source.asked).toHaveLength(1);
    expect(counts(result.volumes)).toEqual([sampleVolume('AMZN', Date.parse('2026-11-28T16:00Z'))]);
    expect(await readFile(join(folder, 'rejected.reason.txt'), 'utf8')).toMatch(/not JSON/);
    // The fresh body took its place.
    expect(JSON.parse(await readFile(join(folder, 'response.json'), 'utf8')).data).toHaveLength(1);
  });

  it('stages a fetched body that does not read aside, and counts none of its hours', async () => {
    const { dir, source, command } = await setUp();
    source.answer = () => ({
      body: new TextEncoder().encode('{"data":"x"'),
      contentType: 'application/json',
    });
    const result = await command().volumesOf(ask(amazon, [at('2026-11-28T16:00Z')]));
    expect(result.problem).toMatch(/not JSON/);
    expect(counts(result.volumes)).toEqual([null]);
    await readFile(join(dir, 'raw/x/recent-counts/ticker=AMZN/hour=2026-11-28T16/rejected.json'));
  });

  it('reads staged counts only for a replay: hours with no staged body stay null, never guessed, never asked', async () => {
    const { source, command } = await setUp();
    await command().volumesOf(ask(amazon, hoursFrom('2026-11-28T14:00Z', 2)));
    const replay = await command().volumesOf(
      ask(amazon, hoursFrom('2026-11-28T13:00Z', 4), { fetch: false }),
    );
    expect(source.asked).toHaveLength(1);
    expect(replay.requests).toBe(0);
    expect(counts(replay.volumes).map((v) => v !== null)).toEqual([false, true, true, true]);
  });

  it('asks nothing once the month’s X budget is spent, and says why', async () => {
    const { source, command } = await setUp();
    const spend = { allowsReading: async () => false, reason: 'X budget reached', spend: () => undefined };
    const result = await command().volumesOf(ask(amazon, [at('2026-11-28T16:00Z')], { spend }));
    expect(result).toMatchObject({ requests: 0, problem: 'X budget reached' });
    expect(source.asked).toEqual([]);
  });

  it('keeps the counts it paid for when the raw store cannot keep their body, and says a replay will miss them', async () => {
    const { raw, command } = await setUp();
    raw.put = () => Promise.reject(new Error('ENOSPC: no space left on device'));
    const result = await command().volumesOf(ask(amazon, [at('2026-11-28T16:00Z')]));
    expect(counts(result.volumes)).toEqual([sampleVolume('AMZN', Date.parse('2026-11-28T16:00Z'))]);
    expect(result.problem).toBe(
      'counts of 2026-11-28T16:00Z – 2026-11-28T16:00Z not kept raw: ENOSPC: no space left on device',
    );
  });

  it('asks nothing when the raw store cannot say what is staged: it might pay twice', async () => {
    const { raw, source, command } = await setUp();
    raw.stagedHours = () => Promise.reject(new Error('EACCES: permission denied'));
    const result = await command().volumesOf(ask(amazon, [at('2026-11-28T16:00Z')]));
    expect(result).toMatchObject({ requests: 0, problem: 'EACCES: permission denied' });
    expect(source.asked).toEqual([]);
  });
});

describe('countVolumes: the volume step', () => {
  const item = (entry: WatchEntry, hour: string): TickerHour => ({
    entry,
    hourStart: at(hour),
    from: 'staged-or-sources',
  });

  it('gives every ticker-hour still going its volume, one request per ticker; a ticker not counted is logged once', async () => {
    const { source, command } = await setUp();
    const { logger, events } = recordingLogger();
    const items = [
      item(amazon, '2026-11-28T15:00Z'),
      item(amazon, '2026-11-28T16:00Z'),
      item(apple, '2026-11-28T15:00Z'),
      item(apple, '2026-11-28T16:00Z'),
    ];
    const failing = new RecordingSource();
    const volumes = await countVolumes(
      { volumes: command(), concurrency: 2 },
      [
        ...items.map((i) => ({ ok: true as const, item: i })),
        {
          ok: false as const,
          item: item(amazon, '2026-11-28T14:00Z'),
          stage: 'extract' as const,
          reason: 'x',
        },
      ],
      'r1',
      logger,
    );
    expect(source.asked.map((a) => a.ticker).sort()).toEqual(['AAPL', 'AMZN']);
    expect(items.map((i) => volumes.get(i))).toEqual(
      items.map((i) => sampleVolume(i.entry.ticker, i.hourStart.getTime())),
    );
    expect(events.find((e) => e.stage === 'volume')).toMatchObject({ tickers: 2, requests: 2, counted: 4 });

    failing.fail = new Error('AMZN: X answered 503');
    const failed = await countVolumes(
      {
        volumes: new PostVolumes(failing, new FileRawStore(join(tmpdir(), 'none')), () => now),
        concurrency: 2,
      },
      items.map((i) => ({ ok: true as const, item: i })),
      'r2',
      logger,
    );
    expect([...failed.values()]).toEqual([null, null, null, null]);
    const warned = events.filter((e) => e.msg === 'volume not counted');
    expect(warned.map((e) => [e.ticker, e.hours, e.reason])).toEqual([
      ['AMZN', 2, 'AMZN: X answered 503'],
      ['AAPL', 2, 'AMZN: X answered 503'],
    ]);
  });
});
