/** Fills `gradient` with the gradient at `x` and returns the value there. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  iterations: number;
  /** How many recent steps approximate the curvature. */
  memory: number;
  /** Stop when an iteration improves the value by less than this fraction. */
  tolerance: number;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
};

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search: the standard minimiser for a smooth convex loss
 * such as regularised logistic regression. Full batch and free of randomness, so a model is reproducible byte
 * for byte. Returns the minimiser and how many iterations it took.
 */
export function minimize(objective: Objective, start: Float64Array, options: LbfgsOptions) {
  const n = start.length;
  let x = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = objective(x, gradient);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const direction = new Float64Array(n);
  let iteration = 0;

  while (iteration < options.iterations) {
    iteration++;
    // Two-loop recursion: direction = -H·gradient, H built from the remembered steps.
    direction.set(gradient);
    const alphas: number[] = [];
    for (let i = steps.length - 1; i >= 0; i--) {
      const s = steps[i] as Float64Array;
      const y = changes[i] as Float64Array;
      const alpha = dot(s, direction) / dot(y, s);
      alphas[i] = alpha;
      for (let j = 0; j < n; j++) direction[j] = (direction[j] as number) - alpha * (y[j] as number);
    }
    const last = steps.length - 1;
    const scale =
      last >= 0
        ? dot(steps[last] as Float64Array, changes[last] as Float64Array) /
          dot(changes[last] as Float64Array, changes[last] as Float64Array)
        : 1 / Math.sqrt(dot(gradient, gradient) || 1);
    for (let j = 0; j < n; j++) direction[j] = (direction[j] as number) * scale;
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i] as Float64Array;
      const y = changes[i] as Float64Array;
      const beta = dot(y, direction) / dot(y, s);
      const factor = (alphas[i] as number) - beta;
      for (let j = 0; j < n; j++) direction[j] = (direction[j] as number) + factor * (s[j] as number);
    }
    for (let j = 0; j < n; j++) direction[j] = -(direction[j] as number);

    const slope = dot(direction, gradient);
    if (slope >= 0) break; // not a descent direction: the curvature memory is no longer useful, we are done

    let step = 1;
    const next = new Float64Array(n);
    const nextGradient = new Float64Array(n);
    let nextValue: number;
    for (;;) {
      for (let j = 0; j < n; j++) next[j] = (x[j] as number) + step * (direction[j] as number);
      nextValue = objective(next, nextGradient);
      if (nextValue <= value + 1e-4 * step * slope || step < 1e-12) break;
      step /= 2;
    }

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      s[j] = (next[j] as number) - (x[j] as number);
      y[j] = (nextGradient[j] as number) - (gradient[j] as number);
    }
    if (dot(s, y) > 1e-12) {
      steps.push(s);
      changes.push(y);
      if (steps.length > options.memory) {
        steps.shift();
        changes.shift();
      }
    }
    const improvement = value - nextValue;
    x = next;
    gradient = nextGradient;
    value = nextValue;
    if (improvement <= options.tolerance * Math.max(1, Math.abs(value))) break;
  }
  return { x, iterations: iteration, value };
}
