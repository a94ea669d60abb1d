// `pnpm --filter @stockpipe/pipeline bench:dashboard [tickers] [days]`: the dashboard of a year of 500 tickers (the
// defaults), and of their last month, built from a synthetic warehouse in this process and opened in headless
// Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Prints, per page: build time and peak RSS, the page's weight
// (raw and gzipped), the browser's time to its first screen of charts, its JS heap, and what one chart costs to draw.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isRegularSession } from '@stockpipe/shared';
import { chromium } from 'playwright-core';
import type { WarehouseReader } from '../src/ports.ts';
import type { LedgerRecord, StoredRow, TopPost } from '../src/records.ts';
import { periodHours } from '../src/report/dashboard-range.ts';
import { writeDashboard } from '../src/report/write-dashboard.ts';
import { seededRandom } from '../src/sources/seeded-random.ts';
import { HOUR_MS } from '../src/time/hours.ts';

const tickerCount = Number(process.argv[2] ?? 500);
const days = Number(process.argv[3] ?? 365);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const UNTIL = '2024-12-06T23:00Z';
const NOW = new Date('2024-12-07T00:30Z');
const tickers = Array.from({ length: tickerCount }, (_, i) => `T${String(i).padStart(3, '0')}`);

/** A warehouse of every hour loaded: a random walk on the NYSE calendar's hours, seeded sentiment and posts. */
const synthetic: WarehouseReader = {
  async rows(wanted, from, to) {
    const rows: StoredRow[] = [];
    for (const ticker of wanted) {
      const random = seededRandom(`bench:${ticker}`);
      let previous: number | null = null;
      let level = 20 + 500 * random.next();
      for (let at = from.getTime(); at < to.getTime(); at += HOUR_MS) {
        const traded = isTraded(at);
        if (traded) level *= 1 + (random.next() - 0.5) * 0.01;
        const close = traded ? Math.round(level * 100) / 100 : null;
        const posts = random.int(0, traded ? 14 : 6);
        const scored = Math.max(0, posts - random.int(0, 2));
        const score = scored === 0 ? null : Math.round((random.next() * 2 - 1) * 0.7 * 10_000) / 10_000;
        rows.push({
          ticker,
          hourStart: new Date(at),
          postCount: posts,
          scoredCount: scored,
          sentimentScore: score,
          sentimentLabel:
            score === null ? null : score >= 0.33 ? 'POSITIVE' : score <= -0.33 ? 'NEGATIVE' : 'NEUTRAL',
          majorityLabel: null,
          sentimentWeight: scored === 0 ? null : scored * (1 + 4 * random.next()),
          postVolume: null,
          positiveCount: Math.floor(scored / 2),
          negativeCount: Math.floor(scored / 4),
          neutralCount: scored - Math.floor(scored / 2) - Math.floor(scored / 4),
          mixedCount: 0,
          marketClosed: !traded,
          open: close,
          high: close,
          low: close,
          close,
          volume: traded ? 1_000_000 : null,
          candleInterval: traded ? '30m' : null,
          runId: 'bench',
          source: 'sample',
          previousClose: traded ? previous : null,
          changePct: traded && previous ? Math.round(((close as number) / previous - 1) * 1e6) / 1e4 : null,
          lastClose: close ?? previous,
          lastCloseAt: null,
        });
        if (close !== null) previous = close;
      }
    }
    return rows;
  },
  async topPosts(wanted, from, to, perTicker) {
    const span = to.getTime() - from.getTime();
    return wanted.flatMap((ticker) =>
      Array.from({ length: perTicker }, (_, i): TopPost => {
        const hourStart = new Date(
          from.getTime() + Math.floor((((i + 0.5) / perTicker) * span) / HOUR_MS) * HOUR_MS,
        );
        return {
          ticker,
          hourStart,
          postId: `${ticker}-${i}`,
          createdAt: hourStart,
          authorId: null,
          lang: 'en',
          text: `$${ticker} breaking out again, strongest close in weeks, holding calls into earnings #${i}`,
          engagement: { likes: 1_900 - i, reposts: 500, replies: 40, quotes: 10 },
          weight: 9 - i / 100,
          sentimentLabel: 'POSITIVE',
          sentimentScore: 0.49,
          runId: 'bench',
        };
      }),
    );
  },
  async ledger(wanted, from, to) {
    const records: LedgerRecord[] = [];
    for (const ticker of wanted)
      for (let at = from.getTime(); at < to.getTime(); at += HOUR_MS) {
        const hourStart = new Date(at);
        records.push({
          ticker,
          hourStart,
          state: 'loaded',
          stage: null,
          reason: null,
          attempts: 1,
          failures: 0,
          firstAttemptAt: hourStart,
          lastAttemptAt: hourStart,
          runId: 'bench',
          marketClosed: !isTraded(at),
          rowGone: false,
          source: 'sample',
        });
      }
    return records;
  },
  async tickersWithRows() {
    return tickers;
  },
  async firstRecorded() {
    return new Map();
  },
  async savedLeadLag() {
    return new Map();
  },
  async lastRecorded() {
    return null;
  },
};

// An hour trades when the session is open at its start or its half (the 9:30 open), as the sample sources have it.
const traded = new Map<number, boolean>();
function isTraded(at: number): boolean {
  let known = traded.get(at);
  if (known === undefined) {
    known = isRegularSession(at) || isRegularSession(at + HOUR_MS / 2);
    traded.set(at, known);
  }
  return known;
}

// Time spent making the synthetic rows is not the dashboard's: it is measured apart and left out.
let readingMs = 0;
const timed =
  <A extends unknown[], R>(read: (...args: A) => Promise<R>) =>
  async (...args: A): Promise<R> => {
    const started = performance.now();
    try {
      return await read(...args);
    } finally {
      readingMs += performance.now() - started;
    }
  };
const warehouse: WarehouseReader = {
  ...synthetic,
  rows: timed(synthetic.rows),
  topPosts: timed(synthetic.topPosts),
  ledger: timed(synthetic.ledger),
};

interface Built {
  name: string;
  path: string;
  buildS: number;
  readS: number;
  peakMb: number;
  bytes: number;
  gzipBytes: number;
}

async function build(name: string, hours: readonly Date[], dir: string): Promise<Built> {
  const started = performance.now();
  readingMs = 0;
  const path = await writeDashboard(warehouse, {
    hours,
    tickers,
    path: join(dir, `${name}.html`),
    now: NOW,
    range: name === 'month' ? 'month' : 'all',
  });
  const readS = readingMs / 1000;
  const buildS = (performance.now() - started) / 1000 - readS;
  const html = await readFile(path);
  return {
    name,
    path,
    buildS,
    readS,
    peakMb: process.resourceUsage().maxRSS / 1024,
    bytes: html.length,
    gzipBytes: gzipSync(html).length,
  };
}

const dir = await mkdtemp(join(tmpdir(), 'stockpipe-bench-dashboard-'));
try {
  const year = periodHours({ hours: days * 24, until: UNTIL }, NOW);
  const month = periodHours({ range: 'month', until: UNTIL }, NOW);
  const pages = [await build('month', month, dir), await build('year', year, dir)];
  for (const p of pages)
    console.log(
      `${p.name}: ${tickerCount} tickers, built in ${p.buildS.toFixed(1)} s besides ${p.readS.toFixed(1)} s making ` +
        `the synthetic rows (peak RSS so far ${Math.round(p.peakMb)} MB), ` +
        `${(p.bytes / 1e6).toFixed(1)} MB (${(p.gzipBytes / 1e6).toFixed(1)} MB gzipped)`,
    );
  if (!existsSync(CHROMIUM)) {
    console.log(`no browser at ${CHROMIUM}: render times not measured`);
  } else {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    try {
      for (const p of pages) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(String(error)));
        const started = performance.now();
        await page.goto(`file://${p.path}`);
        await page.waitForSelector('body[data-ready]');
        const firstScreenMs = performance.now() - started;
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        const { metrics } = await cdp.send('Performance.getMetrics');
        const heapMb = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6;
        const nodes = metrics.find((m) => m.name === 'Nodes')?.value ?? 0;
        // Scrolls through every panel, so each chart is drawn once, and reads what each took.
        const scroll = performance.now();
        // In the page's own words (this package has no DOM types).
        await page.evaluate(`(async () => {
          for (const section of document.querySelectorAll('section.panel')) {
            section.scrollIntoView();
            await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
          }
        })()`);
        const scrollS = (performance.now() - scroll) / 1000;
        const charts = await page.evaluate(() =>
          performance.getEntriesByName('stockpipe:chart').map((entry) => entry.duration),
        );
        charts.sort((a, b) => a - b);
        const median = charts[Math.floor(charts.length / 2)] ?? 0;
        const worst = charts.at(-1) ?? 0;
        console.log(
          `${p.name} in Chromium: first screen drawn ${Math.round(firstScreenMs)} ms after navigation, JS heap ` +
            `${heapMb.toFixed(0)} MB, ${nodes} DOM nodes; ${charts.length} charts drawn while scrolling the page ` +
            `(${scrollS.toFixed(1)} s), median ${median.toFixed(1)} ms, slowest ${worst.toFixed(1)} ms each` +
            (errors.length ? `; page errors: ${errors.join(' | ')}` : ''),
        );
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  if (!process.env.BENCH_KEEP) await rm(dir, { recursive: true, force: true });
}
