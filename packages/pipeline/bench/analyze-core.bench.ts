// `pnpm --filter @stockpipe/pipeline bench:analyze [tickers]`: the pure analysis core of `stockpipe analyze` on
// synthetic tickers of one year of hours each (8,784 in 2024), against a benchmark ticker, one ticker at a time as
// the command will hold them. Prints the seconds the analysis took (generating the hours is timed apart) and the
// process's peak RSS. Tickers default to 500; the target is 60 s for 500 on this project's 2-core machine.
import { concludeRun } from '../src/analysis/analyze-run.ts';
import { type TickerTests, testTicker } from '../src/analysis/analyze-ticker.ts';
import { syntheticMarket, syntheticTicker } from '../test/analysis/synthetic-market.ts';

const tickers = Number(process.argv[2] ?? 500);
const relations = ['none', 'lead', 'follow', 'same'] as const;

const market = syntheticMarket('bench-spy');
let generatingMs = 0;
let analysingMs = 0;
let slowestMs = 0;
let hours = 0;
const tests: TickerTests[] = [];
for (let i = 0; i < tickers; i++) {
  const generated = performance.now();
  const tickerHours = syntheticTicker({
    seed: `bench-${i}`,
    relation: relations[i % relations.length],
    persistence: 0.7,
    uShape: true,
    hourCycle: 0.3,
    spikeChance: 0.01,
    market: market.returns,
  });
  const started = performance.now();
  generatingMs += started - generated;
  tests.push(testTicker(`T${i}`, tickerHours, {}, market.hours));
  const took = performance.now() - started;
  analysingMs += took;
  slowestMs = Math.max(slowestMs, took);
  hours += tickerHours.length;
}
const concluded = performance.now();
const run = concludeRun(tests);
analysingMs += performance.now() - concluded;

// Planted relation → verdicts, to see what the run-wide correction lets through.
const verdicts = relations.map((relation) => {
  const counts: Record<string, number> = {};
  run.tickers.forEach((t, i) => {
    if (relations[i % relations.length] === relation) counts[t.verdict] = (counts[t.verdict] ?? 0) + 1;
  });
  return `${relation}: ${Object.entries(counts)
    .map(([verdict, count]) => `${verdict} ${count}`)
    .join(', ')}`;
});
const line = (label: string, value: string) => console.log(`${label.padEnd(34)}${value}`);
console.log('\nstockpipe analyze, pure core\n');
line(
  'tickers × hours',
  `${tickers} × ${Math.round(hours / tickers)} (${hours.toLocaleString('en-US')} rows)`,
);
line('analysis', `${(analysingMs / 1000).toFixed(2)} s (target ≤ 60 s for 500)`);
line('per ticker, mean / slowest', `${(analysingMs / tickers).toFixed(1)} ms / ${slowestMs.toFixed(1)} ms`);
line('generating the hours (not counted)', `${(generatingMs / 1000).toFixed(2)} s`);
line('peak RSS', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
line('comparisons corrected', run.comparisons.toLocaleString('en-US'));
for (const [i, planted] of verdicts.entries()) line(i === 0 ? 'planted → verdicts' : '', planted);
