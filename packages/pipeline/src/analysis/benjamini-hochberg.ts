/**
 * Benjamini–Hochberg q-values (adjusted p-values) of m tests: q₍ᵢ₎ = min over j ≥ i of min(1, m·p₍ⱼ₎ / j) in
 * ascending order of p, returned in the input's order. Rejecting every q ≤ α keeps the expected share of false
 * discoveries at or below α (for independent or positively dependent tests). m is the length of `pValues`: give it
 * every test of the run, or the correction is too lenient.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const q = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { p, i } = order[rank - 1] as { p: number; i: number };
    running = Math.min(running, (m * p) / rank);
    q[i] = running;
  }
  return q;
}
