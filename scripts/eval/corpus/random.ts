import { seededRandom } from '../../lib/random.js';
import type { Random } from './types.js';

/** A seeded random source with the few distributions the scenarios draw from. */
export function makeRandom(seed: number): Random {
  const next = seededRandom(seed);
  let spare: number | undefined;
  const normal = () => {
    // Box–Muller, keeping the second value for the next call.
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u = 1 - next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    normal,
    poisson: (mean) => {
      if (mean <= 0) return 0;
      // Large means: the normal approximation is close enough for request counts.
      if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
  };
}

/** A stable number from a scenario id, so that each scenario draws its own sequence. */
export function seedOf(id: string, seed: number): number {
  let h = 0x811c9dc5;
  for (const c of id) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return (h ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
}

/**
 * Unit-variance AR(1) noise: real metrics wander (the work mix changes over minutes), so
 * neighbouring datapoints are correlated rather than independent. `phi` is the correlation
 * between neighbours.
 */
export function ar1(random: Random, n: number, phi: number): Float64Array {
  const out = new Float64Array(n);
  const scale = Math.sqrt(1 - phi * phi);
  let x = random.normal();
  for (let i = 0; i < n; i++) {
    x = phi * x + scale * random.normal();
    out[i] = x;
  }
  return out;
}
