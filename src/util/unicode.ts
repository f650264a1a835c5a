// A surrogate code unit that is not half of a pair: in `u` mode a pair is one astral code
// point, so only lone halves match.
const LONE_SURROGATE = /\p{Surrogate}/u;
const LONE_SURROGATES = /\p{Surrogate}/gu;

/**
 * Why text cannot be written to any output (UTF-8 files, AWS APIs), or undefined when it can.
 * JSON input may spell a lone surrogate (`"\ud800"`), which has no UTF-8 form: every writer
 * would fail on it or replace it silently.
 */
export function unencodableProblem(text: string): string | undefined {
  const m = LONE_SURROGATE.exec(text);
  if (!m) return undefined;
  const unit = m[0].charCodeAt(0).toString(16).toUpperCase();
  return `not valid Unicode text (a lone surrogate, U+${unit}, at character ${m.index + 1}), which no output can hold`;
}

/** Text with each lone surrogate replaced by U+FFFD: for writers that must not fail on text checked elsewhere. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATES, '\uFFFD');
}

/** `encodeURIComponent` that cannot throw (it throws a URIError on a lone surrogate). */
export function encodeUriComponentSafe(text: string): string {
  return encodeURIComponent(wellFormed(text));
}

/** `encodeURI` that cannot throw (it throws a URIError on a lone surrogate). */
export function encodeUriSafe(text: string): string {
  return encodeURI(wellFormed(text));
}
