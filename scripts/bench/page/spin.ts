// The work both sides of the throttling check run: xorshift32 steps, timed where they run.

export interface Spun {
  ms: number;
  /** Returned so the loop cannot be optimised away. */
  result: number;
}

export function spinWork(iterations: number): Spun {
  const start = performance.now();
  let x = 2463534242;
  for (let i = 0; i < iterations; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  return { ms: performance.now() - start, result: x >>> 0 };
}
