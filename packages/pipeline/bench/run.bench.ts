// `pnpm bench`: N tickers (default 500) through `stockpipe run` on the AWS adapters, against s3rver, dynalite,
// local Comprehend and SNS fakes, and PostgreSQL (DATABASE_URL, else 127.0.0.1:5432, else embedded PGlite).
// Prints wall time, the job's peak RSS, posts/s, and calls per service beside the minimum.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  awsEmulatorEnvironment,
  freshDatabase,
  startDynamoDb,
  startFakeComprehend,
  startFakeSns,
  startS3,
} from '@stockpipe/testing';
import { imageNodeFlags } from '../scripts/image-node-flags.ts';
import { LocalSentimentScorer } from '../src/sentiment/local-scorer.ts';
import { serverUrl } from './server-url.ts';

const tickers = Number(process.argv[2] ?? process.env.BENCH_TICKERS ?? 500);
const HOUR = '2024-12-06T15:00Z'; // New York open: most tickers get their full 10 posts
// The bundle the image runs (pnpm bench builds it first), not the TypeScript sources.
const cli = fileURLToPath(new URL('../dist/stockpipe.mjs', import.meta.url));

// The fake Comprehend labels posts with the job's local model: plausible and deterministic.
const model = LocalSentimentScorer.fromFile();
const [s3, dynamo, comprehend, sns, database] = await Promise.all([
  startS3('bench-raw'),
  startDynamoDb({ posts: 'bench-posts', prices: 'bench-prices' }),
  startFakeComprehend((text) => model.scoreText(text)),
  startFakeSns(),
  serverUrl().then(freshDatabase),
]);
const watchlist = Array.from(
  { length: tickers },
  (_, i) => `T${String(i).padStart(4, '0')}:#Company${i}`,
).join(',');
const env = {
  PATH: process.env.PATH,
  STOCKPIPE_STORE: 'aws',
  STOCKPIPE_SOURCE: 'sample',
  STOCKPIPE_WATCHLIST: watchlist,
  STOCKPIPE_DATA_DIR: await mkdtemp(join(tmpdir(), 'stockpipe-bench-')),
  RAW_BUCKET: 'bench-raw',
  POSTS_TABLE: 'bench-posts',
  PRICES_TABLE: 'bench-prices',
  SNS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:bench',
  ...(database.url ? { DATABASE_URL: database.url } : {}),
  ...awsEmulatorEnvironment({
    S3: s3.endpoint,
    DYNAMODB: dynamo.endpoint,
    COMPREHEND: comprehend.url,
    SNS: sns.url,
  }),
};

const started = performance.now();
const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
  execFile(
    process.execPath,
    [...imageNodeFlags(), cli, 'run', '--hour', HOUR],
    { env, maxBuffer: 512 * 1024 * 1024 },
    (error, out) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out }),
  );
});
const wallS = (performance.now() - started) / 1000;

const events = stdout
  .split('\n')
  .filter((l) => l.startsWith('{'))
  .map((l) => JSON.parse(l));
const finished = events.find((e) => e.msg === 'run finished') ?? {};
const score = events.find((e) => e.stage === 'score' && e.msg === 'stage') ?? {};
const posts: number = score.posts ?? 0;
const texts = comprehend.requests.flatMap((r) => {
  const body = JSON.parse(r.body) as { TextList: string[]; LanguageCode: string };
  return body.TextList.map(() => body.LanguageCode);
});
const minimum: Record<string, number> = {
  // Per ticker, its two bodies: each looked for first (never fetch what is staged), then put.
  s3: 4 * tickers,
  dynamodb: Math.ceil((posts + tickers) / 25),
  comprehend: [...Map.groupBy(texts, (l) => l).values()].reduce((n, l) => n + Math.ceil(l.length / 25), 0),
  postgres: 1,
  sns: 1,
};

const line = (label: string, value: string, target = '') =>
  console.log(`${label.padEnd(22)}${value.padStart(14)}  ${target}`);
console.log(
  `\nstockpipe bench: ${tickers} tickers, hour ${HOUR}, AWS adapters on emulators, warehouse ${database.url ? 'PostgreSQL server' : 'PGlite'}\n`,
);
line('exit code', String(code));
line('wall time', `${wallS.toFixed(2)} s`, '(target ≤ 20 s)');
line('job peak RSS', `${finished.peakRssMb} MB`, '(target ≤ 200 MB)');
line('posts', String(posts));
line('posts/s', (posts / wallS).toFixed(0));
console.log('\ncalls per service       made   minimum');
for (const [service, min] of Object.entries(minimum)) {
  const made = finished.calls?.[service] ?? 0;
  console.log(
    `  ${service.padEnd(18)}${String(made).padStart(8)}  ${String(min).padStart(8)}  ${made === min ? '= minimum' : 'ABOVE MINIMUM'}`,
  );
}

await Promise.all([s3.close(), dynamo.close(), comprehend.close(), sns.close(), database.drop()]);
process.exitCode = code;
