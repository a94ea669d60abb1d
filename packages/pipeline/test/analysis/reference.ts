// The numbers statsmodels gives for the committed fixture series: fixtures/make-reference.py made
// fixtures/reference.json (how to rerun it is at the top of the script).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

interface ReferenceLag {
  lag: number;
  n: number;
  r: number | null;
  hacLags?: number;
  se?: number;
  p?: number;
}

interface ReferenceGranger {
  lags: number;
  n: number;
  f: number;
  p: number;
  df1: number;
  df2: number;
}

interface Surprises {
  order: number;
  bic: number[];
  surprises: (number | null)[];
}

export interface Reference {
  series: {
    session: number[];
    hourOfDay: number[];
    sentiment: (number | null)[];
    returns: (number | null)[];
  };
  maxLag: number;
  deseasonalised: { sentiment: (number | null)[]; returns: (number | null)[] };
  crossCorrelation: ReferenceLag[];
  surprises: { sentiment: Surprises; returns: Surprises };
  crossCorrelationOfSurprises: ReferenceLag[];
  granger: {
    sentimentToReturns: ReferenceGranger & { bic: number[] };
    returnsToSentiment: ReferenceGranger & { bic: number[] };
    fixed: (ReferenceGranger & { direction: 'sentimentToReturns' | 'returnsToSentiment' })[];
  };
  contiguous: { cause: number[]; effect: number[]; tests: Omit<ReferenceGranger, 'n'>[] };
  overnight: { sentiment: number[]; gap: number[]; r: number; p: number; lo: number; hi: number };
  benjaminiHochberg: { p: number[]; q: number[] };
}

export const reference: Reference = JSON.parse(
  readFileSync(new URL('fixtures/reference.json', import.meta.url), 'utf8'),
);

/** Agreement with statsmodels to 1e-6, absolute. */
export function expectNear(actual: number | null | undefined, expected: number | null | undefined): void {
  if (expected == null) {
    expect(actual ?? null).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-6);
}

/** `expectNear` entry by entry, and the same length. */
export function expectAllNear(
  actual: readonly (number | null)[],
  expected: readonly (number | null | undefined)[],
): void {
  expect(actual.length).toBe(expected.length);
  for (const [i, value] of actual.entries()) expectNear(value, expected[i]);
}
