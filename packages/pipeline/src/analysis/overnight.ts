import type { SessionOpening } from './aligned-series.ts';
import { type Correlation, pearson } from './pearson.ts';

/** Below this many sessions with both values the overnight relation is not reported. */
const MIN_SESSIONS = 20;

/**
 * What was said while the market was closed against how the next session opened: Pearson's r of each session's
 * mean closed-hours sentiment and its opening gap ln(open / previous close), one pair a session. Gaps of
 * different sessions barely overlap in time, so the plain Fisher interval holds.
 */
export function overnightRelation(sessions: readonly SessionOpening[], alpha = 0.05): Correlation | null {
  const sentiment: number[] = [];
  const gap: number[] = [];
  for (const session of sessions) {
    if (session.overnightSentiment === null || session.gap === null) continue;
    sentiment.push(session.overnightSentiment);
    gap.push(session.gap);
  }
  return sentiment.length >= MIN_SESSIONS ? pearson(sentiment, gap, alpha) : null;
}
