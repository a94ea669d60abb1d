import { describe, expect, it } from 'vitest';
import type { StoredRow, TopPost } from '../../src/records.ts';
import { shapeDashboard } from '../../src/report/dashboard-data.ts';
import { escapeHtml, renderDashboard } from '../../src/report/dashboard-html.ts';

const hour = (h: number) => new Date(Date.UTC(2024, 11, 6, h));
const hours = [14, 15, 16, 17].map(hour);
const row = (h: number, over: Partial<StoredRow> = {}): StoredRow => ({
  ticker: 'AMZN',
  hourStart: hour(h),
  postCount: 4,
  scoredCount: 3,
  sentimentScore: 0.25,
  sentimentLabel: 'NEUTRAL',
  majorityLabel: 'POSITIVE',
  sentimentWeight: 3,
  positiveCount: 2,
  negativeCount: 1,
  neutralCount: 0,
  mixedCount: 0,
  marketClosed: false,
  open: 100,
  high: 101,
  low: 99,
  close: 100,
  volume: 10,
  candleInterval: '30m',
  runId: 'r',
  previousClose: null,
  changePct: null,
  lastClose: 100,
  lastCloseAt: hour(h),
  ...over,
});
const closed = {
  marketClosed: true,
  open: null,
  high: null,
  low: null,
  close: null,
  volume: null,
  candleInterval: null,
} as const;
const assets = { script: '/* uPlot */', style: '/* css */' };

describe('shapeDashboard', () => {
  const rows = [
    row(14, { close: 100 }),
    // 15:00 was never loaded.
    row(16, {
      close: 102,
      previousClose: 100,
      changePct: 2,
      lastClose: 102,
      postCount: 0,
      scoredCount: 0,
      sentimentScore: null,
      sentimentLabel: null,
      majorityLabel: null,
      positiveCount: 0,
      negativeCount: 0,
    }),
    row(17, { ...closed, lastClose: 102, lastCloseAt: hour(16) }),
  ];
  const model = shapeDashboard(rows, [], ['AMZN', 'MSFT'], hours, hour(20));
  const [amazon, microsoft] = model.panels;

  it('lays every hour of the period out, and leaves gaps as gaps, never zeros', () => {
    expect(amazon?.times).toEqual(hours.map((h) => h.getTime() / 1000));
    expect(amazon?.state).toEqual(['traded', 'missing', 'traded', 'closed']);
    expect(amazon?.close).toEqual([100, null, 102, null]);
    expect(amazon?.sentiment).toEqual([0.25, null, null, 0.25]);
    expect(amazon?.posts).toEqual([4, null, 0, 4]);
  });

  it('shows the change the warehouse computed, and the latest hour’s figures', () => {
    expect(amazon?.changePct).toEqual([null, null, 2, null]);
    expect(amazon?.latest).toEqual({
      hour: '2024-12-06T17',
      lastClose: { close: 102, hour: '2024-12-06T16' },
      changePct: null,
      sentiment: 0.25,
      label: 'NEUTRAL',
      posts: 4,
      marketClosed: true,
    });
    expect(amazon?.labelMix).toEqual({ POSITIVE: 4, NEGATIVE: 2, NEUTRAL: 0, MIXED: 0 });
    expect(amazon?.totals).toEqual({ posts: 8, scored: 6, hoursLoaded: 3 });
  });

  it('has a price axis only when some hour of the period traded', () => {
    expect(amazon?.hasPrices).toBe(true);
    expect(microsoft?.hasPrices).toBe(false);
    const weekend = shapeDashboard(
      [row(17, { ...closed, lastClose: 99, lastCloseAt: hour(10) })],
      [],
      ['AMZN'],
      hours,
      hour(20),
    );
    expect(weekend.panels[0]?.hasPrices).toBe(false);
  });

  it('gives a ticker with no rows an empty panel rather than an error', () => {
    expect(microsoft?.state).toEqual(['missing', 'missing', 'missing', 'missing']);
    expect(microsoft?.latest).toBeNull();
    expect(microsoft?.totals).toEqual({ posts: 0, scored: 0, hoursLoaded: 0 });
  });

  it('handles a single hour', () => {
    const single = shapeDashboard([row(14)], [], ['AMZN'], [hour(14)], hour(20));
    expect(single.panels[0]?.close).toEqual([100]);
    expect(single.to).toBe('2024-12-06T15:00:00.000Z');
  });
});

describe('top posts', () => {
  const post = (score: number | null, label: TopPost['sentimentLabel']): TopPost => ({
    ticker: 'AMZN',
    hourStart: hour(14),
    postId: String(score),
    createdAt: hour(14),
    authorId: null,
    lang: 'en',
    text: 'Bullish on $AMZN long term',
    engagement: { likes: 5, reposts: 1, replies: 0, quotes: 0 },
    weight: 2,
    sentimentLabel: label,
    sentimentScore: score,
    runId: 'r',
  });

  it('labels a post by its score with the hour’s band, whatever class the scorer ranked first', () => {
    const posts = [post(0.47, 'NEUTRAL'), post(0.32, 'POSITIVE'), post(-0.4, 'MIXED'), post(null, null)];
    const [panel] = shapeDashboard([row(14)], posts, ['AMZN'], hours, hour(20)).panels;
    expect(panel?.topPosts.map((p) => [p.score, p.label])).toEqual([
      [0.47, 'POSITIVE'],
      [0.32, 'NEUTRAL'],
      [-0.4, 'NEGATIVE'],
      [null, null],
    ]);
  });
});

describe('renderDashboard', () => {
  const hostile: TopPost = {
    ticker: 'AMZN',
    hourStart: hour(14),
    postId: '1',
    createdAt: hour(14),
    authorId: null,
    lang: 'en',
    text: '<img src=x onerror=alert(1)> </script><script>alert(2)</script> & "quoted"',
    engagement: { likes: 5, reposts: 1, replies: 0, quotes: 0 },
    weight: 2,
    sentimentLabel: 'NEGATIVE',
    sentimentScore: -0.5,
    runId: 'r',
  };
  const page = renderDashboard(shapeDashboard([row(14)], [hostile], ['AMZN'], hours, hour(20)), assets);

  it('shows post text as text: no markup from a post reaches the page', () => {
    expect(page).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(page).not.toContain('<img src=x');
    // Inside the data block, `<` is escaped too, so no text can close the script element.
    const data = page.slice(
      page.indexOf('id="data">'),
      page.indexOf('</script>', page.indexOf('id="data">')),
    );
    expect(data).not.toContain('<');
    expect(escapeHtml(`a&b<c>"d'`)).toBe('a&#38;b&#60;c&#62;&#34;d&#39;');
  });

  it('is self-contained: the chart library and styles are inline, nothing is fetched', () => {
    expect(page).toContain('<script>/* uPlot */</script>');
    expect(page).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(page).toContain('id="chart-AMZN"');
  });

  it('shows the last close and its time when the latest hour is closed, and the close itself when it traded', () => {
    const closedLast = (lastClose: number | null) =>
      renderDashboard(
        shapeDashboard(
          [row(17, { ...closed, lastClose, lastCloseAt: lastClose === null ? null : hour(10) })],
          [],
          ['AMZN'],
          hours,
          hour(20),
        ),
        assets,
      );
    const weekend = closedLast(99.5);
    expect(weekend).toContain('<dd>2024-12-06 17:00 · market closed</dd>');
    expect(weekend).toContain(
      '<dt>last close</dt><dd>99.50 <span class="at">at 2024-12-06 10:00 UTC</span></dd>',
    );
    expect(closedLast(null)).toContain('<dt>last close</dt><dd>none recent</dd>');
    expect(page).toContain('<dt>close</dt><dd>100.00</dd>');
  });

  it('says so when the warehouse has nothing for the period', () => {
    const empty = renderDashboard(shapeDashboard([], [], [], hours, hour(20)), assets);
    expect(empty).toMatch(/No rows in the warehouse for 2024-12-06 14:00 – 2024-12-06 18:00 UTC/);
    expect(empty).not.toContain('class="chart"');
  });
});
