import { describe, expect, it } from 'vitest';
import type { TickerAnalysis } from '../../src/analysis/analyze-run.ts';
import { leadLagPanel } from '../../src/report/lead-lag-panel.ts';

const lag = (k: number, r: number, q: number) => ({
  lag: k,
  r,
  lo: r - 0.05,
  hi: r + 0.05,
  p: q,
  se: 0.02,
  n: 900,
  q,
});
const analysis: TickerAnalysis = {
  ticker: 'AMZN',
  hours: 1200,
  verdict: 'leads',
  underpowered: false,
  prewhitening: { sentimentOrder: 1, returnsOrder: 0 },
  crossCorrelation: [lag(-1, 0.01, 0.8), lag(0, 0.02, 0.7), lag(1, 0.38, 0.0001)],
  granger: { sentimentToReturns: null, returnsToSentiment: null },
  overnight: null,
  events: {
    count: 12,
    unscored: 0,
    incomplete: 1,
    polarity: {
      positive: { n: 7, car: [0.002, 0.004], lo: [0.001, 0.002], hi: [0.003, 0.006] },
      negative: { n: 4, car: [-0.001, -0.002], lo: [-0.003, -0.005], hi: [0.001, 0.001] },
      neutral: { n: 0, car: [null, null], lo: [null, null], hi: [null, null] },
    },
  },
} as unknown as TickerAnalysis;
const saved = { analysis, from: new Date('2024-01-01Z'), to: new Date('2024-12-31T23:00Z'), comparisons: 75 };

describe('the lead–lag panel', () => {
  it('says the verdict in words with the figures behind it and the comparisons it was corrected over', () => {
    const html = leadLagPanel(saved);
    expect(html).toMatch(/class="verdict leads">leads</);
    expect(html).toMatch(/sentiment moves first/);
    expect(html).toMatch(/75 tests corrected together/);
    // The range's last hour is included: it ends on the 31st, not a day later.
    expect(html).toContain('2024-01-01 – 2024-12-31');
    expect(html).toMatch(/strongest: r\(\+1\) = 0\.38 \[0\.33, 0\.43\], q = 0\.000/);
  });

  it('draws what was saved: a dot per lag, filled where the test survived, and a curve per polarity with events', () => {
    const html = leadLagPanel(saved);
    expect(html.match(/<circle [^>]*class="significant"/g)).toHaveLength(1);
    expect(html.match(/<circle [^>]*class="plain"/g)).toHaveLength(2);
    expect(html.match(/<polyline [^>]*class="car (\w+)"/g)?.map((m) => m.split('car ')[1])).toEqual([
      'positive"',
      'negative"',
    ]);
  });

  it('names the command that makes an analysis when none is saved, and escapes what it prints', () => {
    expect(leadLagPanel(undefined)).toMatch(/stockpipe analyze --save/);
    const hostile = { ...saved, analysis: { ...analysis, verdict: 'too_few_hours' as const, hours: 12 } };
    expect(leadLagPanel(hostile)).toMatch(/12 aligned hours; at least 200 are needed/);
    expect(leadLagPanel(hostile)).toMatch(/>too few hours</);
  });
});
