/** A number as it is printed everywhere: shortest round-trip form, never exponent noise for integers. */
export function formatNumber(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}
