import { readFileSync } from 'node:fs';
import { readLabelledCsv } from '../src/sentiment/labelled-csv.ts';
import { toSentiment } from '../src/sentiment/local-scorer.ts';
import { evaluate } from '../src/sentiment/metrics.ts';
import { DEFAULT_TRAINING_URL } from '../src/sentiment/training-data.ts';
import { NEUTRAL_BAND } from '../src/stages/score-label.ts';
import { outOfFoldPredictions } from './cross-validate.ts';
import { bestBand, measureBands } from './neutral-band.ts';

/**
 * `pnpm --filter @stockpipe/pipeline neutral-band [CSV]`: measures, on texts each scored by a model that never saw
 * them, which neutral band turns scores into the labels people gave; the figures behind NEUTRAL_BAND.
 */
if (import.meta.main) {
  const [csv = DEFAULT_TRAINING_URL] = process.argv.slice(2);
  const rows = readLabelledCsv(readFileSync(csv, 'utf8')).rows;
  const predictions = outOfFoldPredictions(rows);
  const examples = predictions.map(({ row, probabilities }) => {
    const { scores } = toSentiment(probabilities);
    return { score: scores.Positive - scores.Negative, label: row.label };
  });
  const measured = measureBands(examples);
  const f1 = (m: (typeof measured)[number]) =>
    `${m.band.toFixed(2)}  macro-F1 ${m.metrics.macroF1.toFixed(4)}  ` +
    `(negative ${m.metrics.perClass.negative.f1.toFixed(3)}, positive ${m.metrics.perClass.positive.f1.toFixed(3)}, neutral ${m.metrics.perClass.neutral.f1.toFixed(3)})`;
  console.log(
    `${rows.length} texts, 5-fold cross-validated scores; label = sign of the score outside ±band\n`,
  );
  for (const m of measured.filter((_, i) => i % 5 === 0)) console.log(f1(m));
  const best = bestBand(measured);
  console.log(`\nbest  ${f1(best)}`);
  const current = measured.find((m) => m.band === NEUTRAL_BAND);
  if (current) console.log(`NEUTRAL_BAND ${f1(current)}`);
  const mostProbable = evaluate(
    predictions.map(({ row, probabilities }) => ({
      actual: row.label,
      predicted: probabilities.indexOf(Math.max(...probabilities)) as 0 | 1 | 2,
    })),
  );
  console.log(`the model's most probable class instead: macro-F1 ${mostProbable.macroF1.toFixed(4)}`);
}
