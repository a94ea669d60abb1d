/**
 * What a ticker's tests say, in words, after the run's multiple-testing correction:
 * - `leads`: sentiment comes first: Granger sentiment → returns, or some r(k > 0), is significant;
 * - `follows`: returns come first: Granger returns → sentiment, or some r(k < 0);
 * - `feedback`: both of those at once; neither direction is named over the other, since which test is smaller
 *   says nothing about which effect is;
 * - `moves_with`: only the same hour, r(0);
 * - `no_evidence`: nothing significant, which is not evidence of no relation;
 * - `too_few_hours`: under the minimum of aligned hours, so nothing was tested.
 * A lead or follow outranks a same-hour r(0): persistent sentiment that leads shows up at k = 0 too.
 */
export type Verdict = 'leads' | 'follows' | 'feedback' | 'moves_with' | 'no_evidence' | 'too_few_hours';

export interface Evidence {
  sentimentFirst: boolean;
  returnsFirst: boolean;
  sameHour: boolean;
}

interface Tested {
  q: number | null;
}

/** Which directions have a test with q ≤ alpha. */
export function evidenceOf(
  crossCorrelation: readonly (Tested & { lag: number })[],
  sentimentToReturns: Tested | null,
  returnsToSentiment: Tested | null,
  alpha: number,
): Evidence {
  const significant = (test: Tested | null | undefined) => test?.q != null && test.q <= alpha;
  return {
    sentimentFirst:
      significant(sentimentToReturns) || crossCorrelation.some((c) => c.lag > 0 && significant(c)),
    returnsFirst:
      significant(returnsToSentiment) || crossCorrelation.some((c) => c.lag < 0 && significant(c)),
    sameHour: crossCorrelation.some((c) => c.lag === 0 && significant(c)),
  };
}

export function verdictOf(evidence: Evidence): Exclude<Verdict, 'too_few_hours'> {
  if (evidence.sentimentFirst && evidence.returnsFirst) return 'feedback';
  if (evidence.sentimentFirst) return 'leads';
  if (evidence.returnsFirst) return 'follows';
  return evidence.sameHour ? 'moves_with' : 'no_evidence';
}
