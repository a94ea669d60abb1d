import { readFile } from 'node:fs/promises';
import { type CleanPost, type Config, ConfigError } from '@stockpipe/shared';
import { readLabelledCsv } from '../sentiment/labelled-csv.ts';
import { evaluate, formatMetrics } from '../sentiment/metrics.ts';
import { openScorer } from '../wiring.ts';

// Scorer labels onto the data's three classes. MIXED has no class of its own there: it counts as neutral.
const CLASS_OF = { NEGATIVE: 0, POSITIVE: 1, NEUTRAL: 2, MIXED: 2 } as const;

/**
 * `stockpipe eval-sentiment FILE.csv [--json]`: scores every row with the configured scorer and reports accuracy,
 * per-class precision and recall, macro-F1 and the confusion matrix. Rows that cannot be read are listed, not fatal.
 */
export async function evalSentimentCommand(
  config: Config,
  file: string,
  options: { json?: boolean },
  out: (text: string) => void,
): Promise<number> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    ]);
  }
  let parsed: ReturnType<typeof readLabelledCsv>;
  try {
    parsed = readLabelledCsv(content);
  } catch (error) {
    throw new ConfigError([`FILE: ${(error as Error).message}`]);
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
  const metrics = evaluate(pairs);
  if (options.json) {
    out(`${JSON.stringify({ scorer: config.sentiment, ...metrics, badRows: parsed.rejected, unscored })}\n`);
  } else {
    for (const bad of parsed.rejected) out(`skipped line ${bad.line}: ${bad.reason}\n`);
    if (unscored > 0) out(`${unscored} rows could not be scored (empty text)\n`);
    out(`scorer: ${config.sentiment}\n${formatMetrics(metrics)}`);
  }
  return pairs.length > 0 ? 0 : 1;
}
