/*
 * Helpers for the services' `make` functions, which build realistic ARNs for synthetic
 * estates (benchmarks and tests) from a unique name.
 */

/** A stable lower-case hex string of `length` digits derived from a name (FNV-1a). */
export function hex(name: string, length: number): string {
  let h = 0x811c9dc5;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return (h.toString(16).padStart(8, '0').repeat(Math.ceil(length / 8)) + '0'.repeat(length)).slice(0, length);
}

/** A name cut to a service's length limit, keeping its unique serial at the end. */
export function fit(name: string, max: number): string {
  return name.length <= max ? name : `${name.slice(0, max - 6)}${name.slice(-6)}`;
}

/** A name as services that allow only lower-case letters, digits and single hyphens take it. */
export function lower(name: string, max: number): string {
  return fit(name.toLowerCase().replace(/[^a-z0-9-]/g, '-'), max).replace(/-+$/, '').replace(/--+/g, '-') || 'x';
}
