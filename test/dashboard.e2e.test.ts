import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FreshDatabase, freshDatabase } from '@stockpipe/testing';
import { type Browser, chromium, type Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockpipe, tempDir } from './support/cli.ts';
import { readRows } from './support/warehouse.ts';

// Real headless Chromium (Debian's package; .ci/run installs it) opening the page the CLI wrote.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

let browser: Browser;
let database: FreshDatabase;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  [browser, database] = await Promise.all([
    chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    }),
    freshDatabase(process.env.DATABASE_URL),
  ]);
  env = { STOCKPIPE_DATA_DIR: await tempDir('dashboard'), DATABASE_URL: database.url };
  await mkdir(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await database?.drop();
});

/** Painted: a chart canvas has many distinct colours; a blank one has one. */
function colours(canvas: Locator): Promise<number> {
  return canvas.evaluate((element: HTMLCanvasElement) => {
    const { data } = element.getContext('2d')?.getImageData(0, 0, element.width, element.height) ?? {
      data: [],
    };
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 16)
      seen.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
    return seen.size;
  });
}

async function open(file: string, viewport = { width: 1280, height: 2400 }) {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) errors.push(`fetched ${request.url()}`);
  });
  await page.goto(`file://${file}`);
  return { page, errors };
}

describe.skipIf(!existsSync(CHROMIUM))('the dashboard in headless Chromium', () => {
  it('draws price and sentiment for every ticker, without errors or network', async () => {
    const demo = await stockpipe(['demo', '--hours', '12', '--until', '2024-12-06T23:00Z'], env);
    expect(demo.code).toBe(0);
    const file = join(env.STOCKPIPE_DATA_DIR as string, 'dashboard.html');
    expect(demo.stdout).toContain(`Dashboard of price against sentiment: ${file}`);

    const { page, errors } = await open(file);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png') });
    for (const ticker of ['AMZN', 'AAPL', 'MSFT', 'TSLA', 'NVDA']) {
      const panel = page.locator(`section[data-ticker="${ticker}"]`);
      // Charts are drawn as their panel nears the viewport.
      await panel.scrollIntoViewIfNeeded();
      await expect(colours(panel.locator('.chart canvas').first()), ticker).resolves.toBeGreaterThan(20);
      await expect(panel.locator('.chart canvas').count()).resolves.toBe(1);
      await expect(panel.locator('details tbody tr').count()).resolves.toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);
  });

  it('shows the last close and its time, and no empty price axis, when every hour is closed', async () => {
    // Friday's session and the night after it, then a dashboard of Saturday's closed hours alone.
    expect((await stockpipe(['demo', '--hours', '30', '--until', '2024-12-07T12:00Z'], env)).code).toBe(0);
    const file = join(env.STOCKPIPE_DATA_DIR as string, 'weekend.html');
    const args = ['dashboard', '--out', file, '--hours', '12', '--until', '2024-12-07T12:00Z'];
    expect((await stockpipe(args, env)).code).toBe(0);

    const { page, errors } = await open(file);
    const panel = page.locator('section[data-ticker="AMZN"]');
    const latest = (await panel.locator('.latest').textContent()) ?? '';
    expect(latest).toMatch(/2024-12-07 12:00 · market closed/);
    expect(latest).toMatch(/last close\s*\d+\.\d{2} at 2024-12-06 20:00 UTC/);
    await expect(panel.locator('canvas').count()).resolves.toBe(1);
    // The chart's series are sentiment only: no close line on an empty 0–1 axis.
    await panel.locator('.u-legend').waitFor();
    const series = await panel.locator('.u-legend .u-series .u-label').allTextContents();
    expect(series).toContain('sentiment per hour');
    expect(series).not.toContain('close');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-closed.png') });
    expect(errors).toEqual([]);
  });

  it('renders an empty warehouse as a message, without errors', async () => {
    const empty = { ...env, STOCKPIPE_DATA_DIR: await tempDir('dashboard-empty'), DATABASE_URL: undefined };
    const file = join(empty.STOCKPIPE_DATA_DIR as string, 'empty.html');
    const args = ['dashboard', '--out', file, '--until', '2024-12-06T23:00Z'];
    // A data dir that holds no warehouse at all is a wrong STOCKPIPE_DATA_DIR (or folder), not an empty one.
    const nowhere = await stockpipe(args, empty);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toMatch(/STOCKPIPE_DATA_DIR: .* holds no warehouse yet/);
    await readRows(undefined, empty.STOCKPIPE_DATA_DIR as string); // opens one, and with it makes it, empty
    const result = await stockpipe(args, empty);
    expect(result.code).toBe(0);
    const { page, errors } = await open(file);
    await expect(page.locator('.empty').first().textContent()).resolves.toMatch(/No rows in the warehouse/);
    await expect(page.locator('canvas').count()).resolves.toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-empty.png') });
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!existsSync(CHROMIUM))('the dashboard over weeks, in headless Chromium', () => {
  let long: Record<string, string | undefined>;
  let longDatabase: FreshDatabase;
  const UNTIL = '2024-12-06T23:00Z';
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) return;
    longDatabase = await freshDatabase(process.env.DATABASE_URL);
    long = { STOCKPIPE_DATA_DIR: await tempDir('dashboard-long'), DATABASE_URL: longDatabase.url };
    // 32 days of two tickers' sample hours: past the month a page keeps every hour of.
    const args = ['backfill', '--from', '2024-11-05T00:00Z', '--to', UNTIL, '--yes'];
    const loaded = await stockpipe([...args, '--watchlist', 'AMZN:#Amazon,MSFT:#Microsoft'], long);
    expect(loaded.code, loaded.stderr).toBe(0);
  }, 900_000); // a 32-day backfill: minutes on a busy machine
  afterAll(async () => {
    await longDatabase?.drop();
  });

  async function page(range: string) {
    const file = join(long.STOCKPIPE_DATA_DIR as string, `${range}.html`);
    const built = await stockpipe(['dashboard', '--range', range, '--until', UNTIL, '--out', file], long);
    expect(built.code, built.stderr).toBe(0);
    return open(file, { width: 1280, height: 1000 });
  }

  it('reads a day as clock hours, and names the range and the sample data', async () => {
    const { page: day, errors } = await page('24h');
    await day.locator('body[data-ready]').waitFor();
    await expect(day.locator('.ranges [aria-current]').textContent()).resolves.toBe('24 h');
    await expect(day.locator('.sample').textContent()).resolves.toMatch(/Sample data/);
    const panel = day.locator('section[data-ticker="AMZN"]');
    await expect(colours(panel.locator('.chart canvas'))).resolves.toBeGreaterThan(20);
    // A cell per hour in the ledger strip.
    await expect(panel.locator('.ledger .cell').count()).resolves.toBe(24);
    await day.screenshot({ path: join(SCREENSHOTS, 'dashboard-24h.png') });
    expect(errors).toEqual([]);
  });

  it('lays a week’s traded hours side by side, with sentiment and posts by day, and opens a day’s hours on click', async () => {
    const { page: week, errors } = await page('week');
    const panel = week.locator('section[data-ticker="AMZN"]');
    await expect(colours(panel.locator('.chart canvas'))).resolves.toBeGreaterThan(20);
    const series = await panel.locator('.u-legend .u-series .u-label').allTextContents();
    expect(series).toEqual(['traded hour (UTC)', 'close', 'sentiment per day', 'posts per day']);
    // A session per weekday, named as the axis names them.
    await expect(panel.locator('.chart').first().getAttribute('aria-label')).resolves.toBe(
      'close over 35 traded hours of 5 sessions (Mon 12-02, Tue 12-03, Wed 12-04, Thu 12-05, Fri 12-06), sentiment and posts per day',
    );
    await expect(panel.locator('.ledger .cell').count()).resolves.toBe(7);
    // Hovering says which hour and which day; Monday's day holds the weekend.
    const over = panel.locator('.u-over').first();
    const box = (await over.boundingBox()) as { x: number; y: number; width: number; height: number };
    await week.mouse.move(box.x + 5, box.y + box.height / 2);
    await expect(panel.locator('.u-legend').first().textContent()).resolves.toMatch(
      /2024-12-02 14:00 · day Sat 11-30 – Mon 12-02/,
    );
    await week.screenshot({ path: join(SCREENSHOTS, 'dashboard-week.png') });
    await week.mouse.click(box.x + box.width * 0.5, box.y + box.height / 2);
    const detail = panel.locator('.day-detail');
    await expect(detail.locator('h3').textContent()).resolves.toMatch(/^Wed 12-04, hour by hour \(UTC\)/);
    await expect(colours(detail.locator('canvas').first())).resolves.toBeGreaterThan(20);
    await panel.screenshot({ path: join(SCREENSHOTS, 'dashboard-week-day.png') });
    // Posts grouped by day, newest first.
    const days = await panel.locator('details tr.day').allTextContents();
    expect(days.length).toBeGreaterThan(1);
    expect([...days].sort().reverse()).toEqual(days.map(String).sort().reverse());
    expect(errors).toEqual([]);
  });

  it('keeps a month readable, and past a month says how to see a day’s hours', async () => {
    const { page: month, errors } = await page('month');
    const panel = month.locator('section[data-ticker="AMZN"]');
    await expect(colours(panel.locator('.chart canvas'))).resolves.toBeGreaterThan(20);
    await expect(panel.locator('.ledger .cell').count()).resolves.toBe(30);
    await expect(panel.locator('details tbody tr:not(.day)').count()).resolves.toBeLessThanOrEqual(12);
    await month.screenshot({ path: join(SCREENSHOTS, 'dashboard-month.png') });
    const { page: all, errors: allErrors } = await page('all');
    const first = all.locator('section[data-ticker="AMZN"]');
    const box = (await first.locator('.u-over').first().boundingBox()) as {
      x: number;
      y: number;
      height: number;
    };
    await all.mouse.click(box.x + 5, box.y + box.height / 2);
    await expect(first.locator('.day-detail').textContent()).resolves.toMatch(
      /This page keeps days only\. stockpipe dashboard --until 2024-11-05T23:00Z --hours 24 shows them\./,
    );
    expect([...errors, ...allErrors]).toEqual([]);
  });
});
