import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Config, ConfigError } from '@stockpipe/shared';
import type { CleanPost } from '../records.ts';
import { readLabelledCsv } from '../sentiment/labelled-csv.ts';
import { evaluate, formatMetrics } from '../sentiment/metrics.ts';
import { trainingRowsAmong } from '../sentiment/training-data.ts';
import { openScorer } from '../wiring.ts';

// Scorer labels onto the data's three classes. MIXED has no class of its own there: it counts as neutral.
const CLASS_OF = { NEGATIVE: 0, POSITIVE: 1, NEUTRAL: 2, MIXED: 2 } as const;

/**
 * `stockpipe eval-sentiment FILE.csv [--json]`: scores every row with the configured scorer and reports accuracy,
 * per-class precision and recall, macro-F1 and the confusion matrix. Rows that cannot be read are listed, not fatal;
 * a file with no row to evaluate is a usage error (exit 2), like one without the columns, since nothing was measured.
 * A relative FILE is taken from `cwd`, the directory the user ran the command in.
 */
export async function evalSentimentCommand(
  config: Config,
  file: string,
  options: { json?: boolean; cwd: string },
  out: (text: string) => void,
): Promise<number> {
  const path = resolve(options.cwd, file);
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `FILE: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    ]);
  }
  let parsed: ReturnType<typeof readLabelledCsv>;
  try {
    parsed = readLabelledCsv(content);
  } catch (error) {
    throw new ConfigError([`FILE: ${path}: ${(error as Error).message}`]);
  }
  const [firstBad] = parsed.rejected;
  if (parsed.rows.length === 0) {
    const why = firstBad
      ? `all ${parsed.rejected.length} rows skipped, e.g. line ${firstBad.line}: ${firstBad.reason}`
      : 'the file has a header only';
    throw new ConfigError([`FILE: ${path}: no rows to evaluate (${why})`]);
  }
  const scorer = await openScorer(config);
  const posts: CleanPost[] = parsed.rows.map((row, i) => ({
    postId: String(i),
    ticker: 'EVAL',
    hourStart: new Date(0),
    authorId: null,
    createdAt: new Date(0),
    lang: 'en',
    text: row.text,
    engagement: { likes: 0, reposts: 0, replies: 0, quotes: 0 },
  }));
  const scored = await scorer.score(posts);
  const pairs = scored.flatMap((post, i) =>
    post.sentiment
      ? [{ actual: (parsed.rows[i]?.label ?? 2) as 0 | 1 | 2, predicted: CLASS_OF[post.sentiment.label] }]
      : [],
  );
  const unscored = scored.length - pairs.length;
  if (pairs.length === 0) {
    // Readable rows the scorer would not score (e.g. only links): the scorer's outcome, not the user's mistake.
    out(`no rows to evaluate: the scorer scored none of the ${unscored} rows (empty after cleaning)\n`);
    return 1;
  }
  const metrics = evaluate(pairs);
  const learnt =
    config.sentiment === 'local' ? await trainingRowsAmong(parsed.rows.map((row) => row.text)) : undefined;
  if (options.json) {
    out(
      `${JSON.stringify({ scorer: config.sentiment, ...metrics, badRows: parsed.rejected, unscored, trainingRows: learnt })}\n`,
    );
  } else {
    for (const bad of parsed.rejected) out(`skipped line ${bad.line}: ${bad.reason}\n`);
    if (unscored > 0) out(`${unscored} rows could not be scored (empty text)\n`);
    out(`scorer: ${config.sentiment}\n${formatMetrics(metrics)}`);
    if (learnt) out(trainingNote(learnt, parsed.rows.length));
  }
  return 0;
}

/** Figures on rows the model learnt are not a measure of it: say so, and where a fair one comes from. */
function trainingNote(learnt: number, rows: number): string {
  const which = learnt === rows ? `all ${rows} rows are` : `${learnt} of ${rows} rows are`;
  return (
    `\nnot a fair evaluation: ${which} the local model's own training data, which it has learnt; ` +
    'evaluate posts it never saw, or cross-validate: pnpm --filter @stockpipe/pipeline train-sentiment --cross-validate\n'
  );
}
