import { largest } from '../extremes.ts';
import { DEFAULT_ANALYSIS_OPTIONS } from './analysis-hour.ts';
import type { RunAnalysis, TickerAnalysis } from './analyze-run.ts';
import type { Verdict } from './verdict.ts';

/** Each verdict in a sentence a reader of the table or the dashboard can act on. */
export const VERDICT_WORDS: Record<Verdict, string> = {
  leads: 'sentiment moves first: it helps predict the next hours’ returns (not proof of cause)',
  follows: 'returns move first: sentiment reacts to the price',
  feedback: 'both ways: sentiment and returns each help predict the other',
  moves_with: 'in the same hour only: no lead either way',
  no_evidence: 'no relation survives the correction (which is not proof that there is none)',
  too_few_hours: 'too few aligned hours to test',
};

const fixed = (value: number | null | undefined, digits = 2) =>
  value == null ? '–' : value.toFixed(digits).replace(/^-0\.(0+)$/, '0.$1');

/** The lag whose test is strongest after correction (smallest q), for the table's one-figure summary. */
export function strongestLag(ticker: TickerAnalysis) {
  let best: TickerAnalysis['crossCorrelation'][number] | undefined;
  for (const c of ticker.crossCorrelation)
    if (c.q !== null && c.r !== null && (best === undefined || c.q < (best.q ?? 1))) best = c;
  return best;
}

/** The terminal's answer: a line per ticker, the figures behind each verdict, and what the verdicts mean. */
export function verdictTable(run: RunAnalysis, range: { from: string; to: string }): string {
  const rows = run.tickers.map((t) => {
    const lag = strongestLag(t);
    const granger = (g: TickerAnalysis['granger']['sentimentToReturns']) =>
      g ? `F=${fixed(g.f)} q=${fixed(g.q, 3)}` : '–';
    return [
      t.ticker,
      String(t.hours),
      `${t.verdict}${t.underpowered && t.verdict !== 'too_few_hours' ? ' (underpowered)' : ''}`,
      lag
        ? `r(${lag.lag > 0 ? '+' : ''}${lag.lag})=${fixed(lag.r)} [${fixed(lag.lo)}, ${fixed(lag.hi)}] q=${fixed(lag.q, 3)}`
        : '–',
      granger(t.granger.sentimentToReturns),
      granger(t.granger.returnsToSentiment),
      t.events ? String(t.events.count) : '–',
    ];
  });
  const header = [
    'ticker',
    'hours',
    'verdict',
    'strongest lag (k>0: sentiment first)',
    'sentiment→returns',
    'returns→sentiment',
    'events',
  ];
  const widths = header.map((h, i) => Math.max(h.length, largest(rows.map((r) => (r[i] as string).length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  const used = [...new Set(run.tickers.map((t) => t.verdict))];
  return [
    `stockpipe analyze: ${range.from} – ${range.to}, ${run.tickers.length} tickers, ${run.comparisons} tests corrected together (Benjamini–Hochberg, q ≤ ${run.alpha})`,
    '',
    line(header),
    ...rows.map(line),
    '',
    ...used.map((v) => `  ${v}: ${VERDICT_WORDS[v]}`),
    `  underpowered: fewer than ${DEFAULT_ANALYSIS_OPTIONS.fullPowerHours} aligned hours; a real relation may go unseen.`,
    '  Granger is not causation, and significant can be negligible: read r and its interval.',
    '',
  ].join('\n');
}
