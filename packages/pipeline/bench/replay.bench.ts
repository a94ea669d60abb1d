// `pnpm --filter @stockpipe/pipeline bench:replay [sizes]`: `stockpipe replay` (the bundle the image runs) of N
// ticker-hours staged in a local raw store, scored by the local model, into PostgreSQL (DATABASE_URL, else
// 127.0.0.1:5432, else embedded PGlite); then 10,000 of them from the S3 emulator (documents in the DynamoDB emulator).
// Prints ticker-hours/s and the job's peak RSS (from /usr/bin/time, else VmHWM polled). Sizes default to 10000,100000.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import {
  awsEmulatorEnvironment,
  freshDatabase,
  startDynamoDb,
  startFakeSns,
  startS3,
} from '@stockpipe/testing';
import pLimit from 'p-limit';
import { imageNodeFlags } from '../scripts/image-node-flags.ts';
import type { RawStore } from '../src/ports.ts';
import { rawKey } from '../src/raw/raw-key.ts';
import { SamplePostSource } from '../src/sources/sample-post-source.ts';
import { SamplePriceSource } from '../src/sources/sample-price-source.ts';
import { FileRawStore } from '../src/stores/file-raw-store.ts';
import { S3RawStore } from '../src/stores/s3-raw-store.ts';
import { serverUrl } from './server-url.ts';

const sizes = (process.argv[2] ?? process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const HOURS = 1_000;
const FIRST_HOUR = Date.UTC(2024, 10, 4); // a Monday: trading days and closed nights alike
const cli = fileURLToPath(new URL('../dist/stockpipe.mjs', import.meta.url));
const TIME = '/usr/bin/time';
const GOAL_PER_S = 1_000;
const GOAL_MB = 250;

/** Stages the sample bodies of `tickers` × HOURS ticker-hours, as runs would have. */
async function seed(raw: RawStore, tickers: readonly string[]): Promise<void> {
  const posts = new SamplePostSource(10);
  const prices = new SamplePriceSource();
  const limit = pLimit(32);
  const work: Promise<unknown>[] = [];
  for (const ticker of tickers) {
    for (let h = 0; h < HOURS; h++) {
      const hour = new Date(FIRST_HOUR + h * 3_600_000);
      work.push(
        limit(async () => {
          const [p, b] = await Promise.all([
            posts.fetchPosts({ ticker, query: `#${ticker}` }, hour),
            prices.fetchBars(ticker, hour),
          ]);
          await Promise.all([
            raw.put(rawKey(posts.rawPrefix, ticker, hour), p, 'seed'),
            raw.put(rawKey(prices.rawPrefix, ticker, hour), b, 'seed'),
          ]);
        }),
      );
    }
  }
  await Promise.all(work);
}

interface Measured {
  code: number;
  wallS: number;
  peakMb: number;
  summary: string;
}

async function replay(env: Record<string, string | undefined>, scratch: string): Promise<Measured> {
  const to = new Date(FIRST_HOUR + (HOURS - 1) * 3_600_000).toISOString().slice(0, 13);
  const args = [
    ...imageNodeFlags(),
    cli,
    'replay',
    '--from',
    `${new Date(FIRST_HOUR).toISOString().slice(0, 13)}:00Z`,
    '--to',
    `${to}:00Z`,
  ];
  const timeFile = join(scratch, `time-${Date.now()}`);
  const [file, argv] = existsSync(TIME)
    ? [TIME, ['-f', '%M', '-o', timeFile, process.execPath, ...args]]
    : [process.execPath, args];
  const started = performance.now();
  let hwmKb = 0;
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
    const child = execFile(file, argv, { env, maxBuffer: 512 * 1024 * 1024 }, (error, out) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out }),
    );
    if (file === TIME) return;
    const poll = setInterval(() => {
      try {
        hwmKb = Math.max(
          hwmKb,
          Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0),
        );
      } catch {}
    }, 20);
    child.on('exit', () => clearInterval(poll));
  });
  const wallS = (performance.now() - started) / 1000;
  if (file === TIME) hwmKb = Number((await readFile(timeFile, 'utf8')).trim().split('\n').at(-1));
  const summary = /replay (done|interrupted): [^\n]*/.exec(stdout)?.[0] ?? stdout.slice(-400);
  return { code, wallS, peakMb: Math.round(hwmKb / 1024), summary };
}

const report = (label: string, size: number, m: Measured) => {
  const rate = size / m.wallS;
  console.log(
    `  ${label.padEnd(34)}${`${m.wallS.toFixed(1)} s`.padStart(9)}${`${rate.toFixed(0)}/s`.padStart(10)}${`${m.peakMb} MB`.padStart(9)}  ${m.code !== 0 ? `exit ${m.code}` : rate >= GOAL_PER_S && m.peakMb <= GOAL_MB ? 'meets the goals' : 'MISSES A GOAL'}`,
  );
  console.log(`    ${m.summary}`);
};

const database = await freshDatabase(await serverUrl());
console.log(
  `\nstockpipe bench:replay: ${HOURS} hours per ticker, the local scorer, warehouse ${database.url ? 'PostgreSQL server' : 'PGlite'}; goals ≥ ${GOAL_PER_S} ticker-hours/s, ≤ ${GOAL_MB} MB\n`,
);
console.log(`  ${'replay'.padEnd(34)}${'wall'.padStart(9)}${'rate'.padStart(10)}${'peak'.padStart(9)}`);
for (const [n, size] of sizes.entries()) {
  const scratch = await mkdtemp(join(tmpdir(), 'stockpipe-replay-bench-'));
  // Tickers of their own per size (A000…, B000…): a size's first replay finds nothing of another's.
  const letter = String.fromCharCode(65 + n);
  const tickers = Array.from(
    { length: Math.ceil(size / HOURS) },
    (_, i) => `${letter}${String(i).padStart(3, '0')}`,
  );
  await seed(new FileRawStore(join(scratch, 'raw')), tickers);
  const env = {
    PATH: process.env.PATH,
    STOCKPIPE_DATA_DIR: scratch,
    STOCKPIPE_WATCHLIST: tickers.join(','),
    ...(database.url ? { DATABASE_URL: database.url } : {}),
  };
  // First into an empty warehouse, every row and document new; then again, as after runs: nothing changes.
  report(`${size.toLocaleString('en-US')} from local files, new`, size, await replay(env, scratch));
  report(`${size.toLocaleString('en-US')} from local files, again`, size, await replay(env, scratch));
  await rm(scratch, { recursive: true, force: true });
}

// From S3 (s3rver), documents into DynamoDB (dynalite): the AWS path, 10,000 ticker-hours.
{
  const size = 10_000;
  const scratch = await mkdtemp(join(tmpdir(), 'stockpipe-replay-bench-s3-'));
  const [s3, dynamo, sns] = await Promise.all([
    startS3('replay-raw'),
    startDynamoDb({ posts: 'replay-posts', prices: 'replay-prices' }),
    startFakeSns(),
  ]);
  const aws = awsEmulatorEnvironment({ S3: s3.endpoint, DYNAMODB: dynamo.endpoint, SNS: sns.url });
  const tickers = Array.from({ length: size / HOURS }, (_, i) => `S${String(i).padStart(3, '0')}`);
  Object.assign(process.env, aws);
  await seed(new S3RawStore(new S3Client({ forcePathStyle: true }), 'replay-raw'), tickers);
  const m = await replay(
    {
      PATH: process.env.PATH,
      ...aws,
      STOCKPIPE_STORE: 'aws',
      STOCKPIPE_SENTIMENT: 'local',
      STOCKPIPE_DATA_DIR: scratch,
      STOCKPIPE_WATCHLIST: tickers.join(','),
      RAW_BUCKET: 'replay-raw',
      POSTS_TABLE: 'replay-posts',
      PRICES_TABLE: 'replay-prices',
      SNS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:bench',
      ...(database.url ? { DATABASE_URL: database.url } : {}),
    },
    scratch,
  );
  report('10,000 from S3 (documents: DynamoDB)', size, m);
  await Promise.all([s3.close(), dynamo.close(), sns.close()]);
  await rm(scratch, { recursive: true, force: true });
}
await database.drop();
