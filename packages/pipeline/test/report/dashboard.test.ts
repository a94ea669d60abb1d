import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/format/escape-html.ts';
import type { StoredRow, TopPost } from '../../src/records.ts';
import { shapeDashboard } from '../../src/report/dashboard-data.ts';
import { renderDashboard } from '../../src/report/dashboard-html.ts';
import { ledgerRecord } from '../support/ledger-records.ts';

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
  postVolume: null,
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
  source: 'sample',
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
const assets = {
  script: '/* uPlot */',
  style: '/* css */',
  pageScript: '/* page */',
  pageStyle: '/* page css */',
};

const shape = (rows: readonly StoredRow[], tickers: readonly string[], over: Partial<ShapeInput> = {}) =>
  shapeDashboard({ rows, posts: [], tickers, hours, generatedAt: hour(20), ...over });
type ShapeInput = Parameters<typeof shapeDashboard>[0];

describe('shapeDashboard, a day or so: every clock hour', () => {
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
      sentimentWeight: null,
      positiveCount: 0,
      negativeCount: 0,
    }),
    row(17, { ...closed, lastClose: 102, lastCloseAt: hour(16) }),
  ];
  const model = shape(rows, ['AMZN', 'MSFT']);
  const [amazon, microsoft] = model.panels;

  it('lays every hour of the period out, and leaves gaps as gaps, never zeros', () => {
    expect(model).toMatchObject({
      view: 'hours',
      hourly: true,
      hourCount: 4,
      from: '2024-12-06T14:00:00.000Z',
    });
    expect(amazon?.hours).toEqual({
      sentiment: [0.25, null, null, 0.25],
      posts: [4, null, 0, 4],
      state: 'tmtc',
    });
    expect(amazon?.days).toBeNull();
  });

  it('puts the closes on the traded hours of the NYSE calendar, null where none was loaded', () => {
    // Friday's session trades 14:00–20:00 UTC; the period holds its first four hours.
    expect(model.grid).toEqual({ sessionFirst: [0], sessionHours: [4], dayEnd: [4] });
    expect(amazon?.close).toEqual([100, null, 102, null]);
    expect(microsoft?.close).toEqual([null, null, null, null]);
  });

  it('shows the latest hour’s figures, as the warehouse computed them', () => {
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

  it('gives a ticker with no rows an empty panel rather than an error', () => {
    expect(microsoft?.hours?.state).toBe('mmmm');
    expect(microsoft?.latest).toBeNull();
    expect(microsoft?.totals).toEqual({ posts: 0, scored: 0, hoursLoaded: 0 });
  });

  it('has a ledger cell per hour, as `stockpipe status` names them', () => {
    const ledger = [ledgerRecord('AMZN', 14), ledgerRecord('AMZN', 16, { state: 'failed', failures: 3 })];
    expect(shape(rows, ['AMZN'], { ledger }).panels[0]?.ledger).toBe('lmgm');
  });

  it('handles a single hour', () => {
    const single = shape([row(14)], ['AMZN'], { hours: [hour(14)] });
    expect(single.panels[0]?.close).toEqual([100]);
    expect(single.to).toBe('2024-12-06T15:00:00.000Z');
  });
});

describe('shapeDashboard, past three days: traded hours and days', () => {
  // Saturday 2024-11-30 00:00 to Friday 12-06 23:00.
  const week = Array.from({ length: 168 }, (_, i) => new Date(Date.UTC(2024, 10, 30) + i * 3_600_000));
  const at = (iso: string, over: Partial<StoredRow> = {}) => row(0, { hourStart: new Date(iso), ...over });
  const rows = [
    // Monday's day holds the weekend's talk: a quiet bullish Sunday hour and a busy bearish Monday one.
    at('2024-12-01T10:00Z', {
      ...closed,
      postCount: 1,
      scoredCount: 1,
      sentimentScore: 0.9,
      sentimentWeight: 1,
    }),
    at('2024-12-02T15:00Z', {
      close: 101,
      postCount: 6,
      scoredCount: 6,
      sentimentScore: -0.5,
      sentimentWeight: 9,
    }),
    // Tuesday: one hour from before weights were kept, one after.
    at('2024-12-03T14:00Z', { close: 102, sentimentScore: 0.4, sentimentWeight: 2 }),
    at('2024-12-03T15:00Z', { close: 103, sentimentScore: -0.9, sentimentWeight: null }),
  ];
  const model = shape(rows, ['AMZN'], { hours: week, range: 'week' });
  const [panel] = model.panels;

  it('says so, and keeps every hour for the day picker up to a month', () => {
    expect(model).toMatchObject({ view: 'sessions', hourly: true, range: 'week' });
    expect(panel?.hours?.state).toHaveLength(168);
    const month = Array.from({ length: 745 }, (_, i) => new Date(Date.UTC(2024, 10, 1) + i * 3_600_000));
    const long = shape(rows, ['AMZN'], { hours: month });
    expect(long.hourly).toBe(false);
    expect(long.panels[0]?.hours).toBeNull();
  });

  it('gives each day the engagement-weighted mean of its hours, weekend included in Monday', () => {
    expect(panel?.days?.score[0]).toBeCloseTo((1 * 0.9 + 9 * -0.5) / 10, 3);
    expect(panel?.days?.posts.slice(0, 2)).toEqual([7, 8]);
    // Its bar is posts a day: Monday's seven over Saturday, Sunday and Monday.
    expect(panel?.days?.postsPerDay.slice(0, 2)).toEqual([2.3, 8]);
    // Tuesday's unweighted hour is left out, and counted.
    expect(panel?.days?.score[1]).toBe(0.4);
    expect(panel?.days?.unweighted.slice(0, 2)).toEqual([0, 1]);
    // Wednesday to Friday: nothing loaded, so nothing known, not zero posts.
    expect(panel?.days?.posts.slice(2)).toEqual([null, null, null]);
    expect(panel?.days?.score.slice(2)).toEqual([null, null, null]);
  });

  it('lays the closes of the traded hours side by side', () => {
    expect(panel?.close).toHaveLength(35);
    expect(panel?.close.slice(0, 3)).toEqual([null, 101, null]);
    expect(panel?.close.slice(7, 9)).toEqual([102, 103]);
  });

  it('has a ledger cell per UTC day, its worst hour, saying what a day not simply loaded holds', () => {
    const ledger = [
      ...Array.from({ length: 24 }, (_, h) =>
        ledgerRecord('AMZN', h, { hourStart: new Date(Date.UTC(2024, 11, 2, h)), marketClosed: h < 14 }),
      ),
      ledgerRecord('AMZN', 3, {
        hourStart: new Date(Date.UTC(2024, 11, 3, 3)),
        state: 'failed',
        failures: 1,
      }),
    ];
    const days = shape(rows, ['AMZN'], { hours: week, ledger }).panels[0];
    expect(days?.ledger).toBe('mmlfmmm');
    expect(days?.ledgerNotes).toMatchObject({ 3: '1 failed, 23 missing', 0: '24 missing' });
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
    const [panel] = shape([row(14)], ['AMZN'], { posts }).panels;
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
  const page = renderDashboard(shape([row(14)], ['AMZN'], { posts: [hostile] }), assets);

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
    expect(page).toContain('<script>/* page */</script>');
    expect(page).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(page).toContain('id="chart-AMZN"');
  });

  it('shows the last close and its time when the latest hour is closed, and the close itself when it traded', () => {
    const closedLast = (lastClose: number | null) =>
      renderDashboard(
        shape(
          [row(17, { ...closed, lastClose, lastCloseAt: lastClose === null ? null : hour(10) })],
          ['AMZN'],
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
    const empty = renderDashboard(shape([], []), assets);
    expect(empty).toMatch(/No rows in the warehouse for 2024-12-06 14:00 – 2024-12-06 18:00 UTC/);
    expect(empty).not.toContain('class="chart"');
  });
});

describe('renderDashboard: ranges, source, posts by day', () => {
  const week = Array.from({ length: 168 }, (_, i) => new Date(Date.UTC(2024, 10, 30) + i * 3_600_000));
  const post = (iso: string, text: string, weight: number): TopPost => ({
    ticker: 'AMZN',
    hourStart: new Date(iso),
    postId: text,
    createdAt: new Date(iso),
    authorId: null,
    lang: 'en',
    text,
    engagement: { likes: 5, reposts: 1, replies: 0, quotes: 0 },
    weight,
    sentimentLabel: 'POSITIVE',
    sentimentScore: 0.5,
    runId: 'r',
  });

  it('offers the ranges by flag in a file, and by link where served, marking the current one', () => {
    const model = shape([row(14)], ['AMZN'], { range: '24h' });
    const file = renderDashboard(model, assets);
    expect(file).toContain(
      '<span aria-current="page" title="the last 24 hours: stockpipe dashboard --range 24h">24 h</span>',
    );
    expect(file).toContain('stockpipe dashboard --range 24h|week|month|all');
    expect(file).not.toContain('href="?range');
    const served = renderDashboard(model, assets, { served: true });
    expect(served).toContain('<a href="?range=week" title="the last 168 hours">week</a>');
    expect(served).toContain('<a href="?range=24h" aria-current="page"');
    expect(served).toContain('<body data-served="true">');
    // A count of hours is no named range: the page says how many.
    expect(renderDashboard(shape([row(14)], ['AMZN'], { range: null }), assets)).toContain(
      '<span aria-current="true">4 hours</span>',
    );
  });

  it('says “sample data” from the rows’ own source, whatever the configuration, and how many', () => {
    const sample = renderDashboard(shape([row(14), row(16)], ['AMZN']), assets);
    expect(sample).toMatch(/<strong>Sample data<\/strong>: made-up posts and prices/);
    expect(sample).toContain('(every row shown, as the rows record)');
    const mixed = renderDashboard(shape([row(14), row(16, { source: 'live' })], ['AMZN']), assets);
    expect(mixed).toContain('(1 of the 2 rows shown, as the rows record)');
    const live = renderDashboard(
      shape([row(14, { source: 'live' }), row(16, { source: null })], ['AMZN']),
      assets,
    );
    expect(live).not.toContain('Sample data');
  });

  it('groups a long period’s posts by day, newest day first, most engaged first within it', () => {
    const posts = [
      post('2024-12-02T15:00Z', 'monday most', 9),
      post('2024-12-04T15:00Z', 'wednesday', 8),
      post('2024-12-02T16:00Z', 'monday less', 7),
    ];
    const page = renderDashboard(shape([], ['AMZN'], { hours: week, posts }), assets);
    const order = ['Wed 2024-12-04', 'wednesday', 'Mon 2024-12-02', 'monday most', 'monday less'];
    const at = order.map((text) => page.indexOf(text));
    expect(at.every((i) => i > 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(page).toContain('Most engaged posts, at most 3 a day, by day');
    expect(page).toContain('<td>16:00</td>');
  });

  it('sends the charts their series only: the posts’ text is in the page once', () => {
    const page = renderDashboard(
      shape([row(14)], ['AMZN'], { posts: [post('2024-12-06T14:00Z', 'said once', 3)] }),
      assets,
    );
    expect(page.split('said once')).toHaveLength(2);
    const data = JSON.parse(
      page.slice(page.indexOf('id="data">') + 10, page.indexOf('</script>', page.indexOf('id="data">'))),
    );
    expect(Object.keys(data.panels[0])).toEqual(['close', 'hours', 'days', 'ledger', 'ledgerNotes']);
  });

  it('adds the blocks it is given to each ticker’s panel, after its own', () => {
    const page = renderDashboard(shape([row(14)], ['AMZN', 'MSFT'], {}), assets, {
      blocks: [(panel) => `<div class="lead-lag">${panel.ticker}</div>`],
    });
    expect(page).toContain('<div class="lead-lag">AMZN</div>\n</section>');
    expect(page).toContain('<div class="lead-lag">MSFT</div>\n</section>');
  });
});
