/**
 * Rounds a threshold for people, to `digits` significant digits, away from normal: up for
 * alarms on high values, down for alarms on low ones, so rounding never makes an alarm noisier.
 * The result prints exactly (no float residue: 93700000, not 93700000.00000001).
 */
export function roundAway(value: number, sign: 1 | -1, digits = 3): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const unit = 10 ** (magnitude - digits + 1);
  // A hair of tolerance: 99.4 / 0.1 is 994.0000000000001, which must not round up to 995.
  const steps = value / unit;
  const rounded = sign === 1 ? Math.ceil(steps - 1e-9) : Math.floor(steps + 1e-9);
  return exact(rounded * unit, digits + 1);
}

/** A number as the shortest decimal of at most `digits` significant digits: no float residue. */
export function exact(value: number, digits = 12): number {
  return Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(digits)) : value;
}
