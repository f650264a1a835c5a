/** A number as it is printed everywhere: shortest round-trip form, never exponent noise for integers. */
export function formatNumber(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

// A plain decimal number, as a person types it into a tag: no hex, no Infinity, no NaN.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/;

/** The number a tag's text (trimmed) spells, when it is a finite plain decimal; otherwise undefined. */
export function numberInTag(text: string): number | undefined {
  const t = text.trim();
  if (!DECIMAL.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}
