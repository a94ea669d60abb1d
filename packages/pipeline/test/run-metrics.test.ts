import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOG_EVENTS, RUN_METRICS } from '@stockpipe/shared';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Warehouse } from '../src/ports.ts';
import type { WarehouseRow } from '../src/records.ts';
import { PostVolumes } from '../src/run/post-volumes.ts';
import { runHour } from '../src/run.ts';
import { runMetricFields } from '../src/run-metrics.ts';
import type { RunReport, TickerOutcome } from '../src/run-report.ts';
import { LocalSentimentScorer } from '../src/sentiment/local-scorer.ts';
import { SamplePostSource } from '../src/sources/sample-post-source.ts';
import { SamplePriceSource } from '../src/sources/sample-price-source.ts';
import { SampleVolumeSource } from '../src/sources/sample-volume-source.ts';
import type { XSpend } from '../src/spend/x-budget.ts';
import { FileRawStore } from '../src/stores/file-raw-store.ts';
import { LocalDocumentStore } from '../src/stores/local-document-store.ts';

const hour = new Date('2024-12-06T15:00Z');
const earlier = new Date('2024-12-06T13:00Z');

function loaded(ticker: string, hourStart: Date, postCount: number, scoredCount: number): TickerOutcome {
  const row = { ticker, hourStart, postCount, scoredCount } as WarehouseRow;
  return { ticker, hourStart, status: 'loaded', row };
}
const failed = (ticker: string, hourStart: Date): TickerOutcome => ({
  ticker,
  hourStart,
  status: 'failed',
  stage: 'extract',
  reason: 'X did not answer',
});

// The run's hour: AMZN and MSFT loaded, TSLA failed; AMZN's 13:00 healed besides, MSFT's failed again.
const report: RunReport & { healed: TickerOutcome[] } = {
  runId: 'r1',
  hourStart: hour,
  status: 'failed',
  tickers: [loaded('AMZN', hour, 10, 6), loaded('MSFT', hour, 7, 4), failed('TSLA', hour)],
  healed: [loaded('AMZN', earlier, 9, 9), failed('MSFT', earlier)],
  durationMs: 2345,
  logLocation: undefined,
  notified: true,
};
const spend: XSpend = {
  postsThisMonth: 18_250,
  countsRequestsThisMonth: 0,
  projectCap: 2_000_000,
  spentUsd: 91.25,
  projectedMonthUsd: 182.4999,
  budgetUsd: 200,
  reached: false,
  resetsAt: new Date('2024-12-16T00:00Z'),
};

describe('the run’s metric fields', () => {
  it('count the run’s own hour for tickers, the healed hours loaded, and every loaded row for rows and posts', () => {
    expect(runMetricFields(report, { peakRssMb: 190 })).toEqual({
      loaded: 2,
      failed: 1,
      healed: 1,
      rowsLoaded: 3,
      postsRead: 26,
      postsScored: 19,
      ms: 2345,
      peakRssMb: 190,
    });
    expect(runMetricFields({ ...report, healed: undefined }, { peakRssMb: 190 })).toMatchObject({
      healed: 0,
      rowsLoaded: 2,
    });
  });

  it('leave out X’s figures when its usage was not read, rather than log a zero that may not be true', () => {
    expect(runMetricFields(report, { peakRssMb: 190 })).not.toHaveProperty('xPostsThisMonth');
  });

  it('name every metric the stack reads, and nothing else, once X’s usage is known', () => {
    const fields = runMetricFields(report, { peakRssMb: 190, xSpend: spend });
    expect(Object.keys(fields).sort()).toEqual(Object.keys(RUN_METRICS).sort());
    expect(fields).toMatchObject({ xPostsThisMonth: 18_250, xProjectedMonthUsd: 182.5 });
  });

  it('are fields of the `run finished` event a run logs, as plain numbers', async () => {
    const events: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => events.push(JSON.parse(line)) });
    const dir = await mkdtemp(join(tmpdir(), 'stockpipe-metrics-'));
    const warehouse: Warehouse = {
      load: async (batch) => ({ rowsChanged: batch.rows.length, refused: [] }),
      lockHours: async (hours) => ({ hours: [...hours], release: async () => {} }),
      ledger: async () => [],
      firstRecorded: async () => new Map(),
    };
    await runHour(
      {
        posts: new SamplePostSource(10),
        prices: new SamplePriceSource(),
        volumes: new PostVolumes(new SampleVolumeSource(), new FileRawStore(join(dir, 'raw'))),
        raw: new FileRawStore(join(dir, 'raw')),
        documents: new LocalDocumentStore(join(dir, 'documents')),
        scorer: LocalSentimentScorer.fromFile(),
        warehouse,
        notifier: { notify: async () => {} },
        logger,
        concurrency: 2,
      },
      { runId: 'r2', hourStart: hour, watchlist: [{ ticker: 'AMZN', query: '#Amazon' }] },
    );
    const finished = events.filter((e) => e.msg === LOG_EVENTS.runFinished);
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({ status: 'succeeded', loaded: 1, failed: 0, rowsLoaded: 1 });
    for (const field of [
      'loaded',
      'failed',
      'healed',
      'rowsLoaded',
      'postsRead',
      'postsScored',
      'ms',
      'peakRssMb',
    ])
      expect(typeof finished[0]?.[field], field).toBe('number');
    // The saved query of the slowest stages reads these events.
    const stages = events.filter((e) => e.msg === LOG_EVENTS.stage);
    expect(stages.map((e) => e.stage)).toContain('extract');
    for (const e of stages) expect(typeof e.ms).toBe('number');
    // On one machine the line is what a person reads: no CloudWatch metadata, no stack.
    expect(finished[0]).not.toHaveProperty('_aws');
    expect(finished[0]).not.toHaveProperty('stack');
  });
});
