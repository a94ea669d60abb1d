import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FreshDatabase, freshDatabase } from '@stockpipe/testing';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockpipe, tempDir } from './support/cli.ts';

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

async function open(file: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 2400 } });
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
    for (const ticker of ['AMZN', 'AAPL', 'MSFT', 'TSLA', 'NVDA']) {
      const panel = page.locator(`section[data-ticker="${ticker}"]`);
      await expect(panel.locator('canvas').count()).resolves.toBe(1);
      // Painted: a chart canvas has many distinct colours; a blank one has one.
      const colours = await panel.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height) ?? {
          data: [],
        };
        const seen = new Set<number>();
        for (let i = 0; i < data.length; i += 16)
          seen.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
        return seen.size;
      });
      expect(colours, ticker).toBeGreaterThan(20);
      await expect(panel.locator('tbody tr').count()).resolves.toBeGreaterThan(0);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png') });
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
    const series = await panel.locator('.u-legend .u-series .u-label').allTextContents();
    expect(series).toContain('positive');
    expect(series).not.toContain('close');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-closed.png') });
    expect(errors).toEqual([]);
  });

  it('renders an empty warehouse as a message, without errors', async () => {
    const empty = { ...env, STOCKPIPE_DATA_DIR: await tempDir('dashboard-empty'), DATABASE_URL: undefined };
    const file = join(empty.STOCKPIPE_DATA_DIR as string, 'empty.html');
    const result = await stockpipe(['dashboard', '--out', file, '--until', '2024-12-06T23:00Z'], empty);
    expect(result.code).toBe(0);
    const { page, errors } = await open(file);
    await expect(page.locator('.empty').first().textContent()).resolves.toMatch(/No rows in the warehouse/);
    await expect(page.locator('canvas').count()).resolves.toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-empty.png') });
    expect(errors).toEqual([]);
  });
});
