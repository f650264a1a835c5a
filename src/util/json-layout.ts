/**
 * JSON text for a YAML block scalar: the same JSON value as `JSON.stringify(value)`, with every
 * character that acts on the display, or that a YAML block scalar cannot hold as it is (C1
 * controls, format characters, line separators, astral characters as surrogate pairs), written
 * as its `\uXXXX` escape. Such characters can only stand inside JSON strings, where the escape
 * is the same character. `JSON.stringify` already escapes the C0 controls, `"` and `\`.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, escape);
}

/**
 * A dashboard body laid out for review: its settings one per line and each widget on a line of
 * its own. A threshold change (which moves a graph's threshold annotation) is then a change of
 * one widget's line, not a rewrite of the whole body on one line. Widgets stay compact, one per
 * line, because the body counts towards CloudFormation's 1 MB template limit: one setting per
 * line made application stacks 59% larger on the 1,000-resource estate, enough to move
 * dashboards between stacks of large estates on their first run after the change (and a
 * dashboard moving between stacks risks "already exists"); a line per widget adds a few bytes.
 */
export function dashboardJson(body: { widgets: readonly unknown[] }): string {
  const keys = Object.entries(body).filter(([, v]) => v !== undefined);
  const lines = ['{'];
  keys.forEach(([k, v], i) => {
    const comma = i < keys.length - 1 ? ',' : '';
    if (k === 'widgets' && Array.isArray(v) && v.length > 0) {
      lines.push(`  ${safeJson(k)}: [`, ...v.map((w, j) => `    ${safeJson(w)}${j < v.length - 1 ? ',' : ''}`), `  ]${comma}`);
    } else {
      lines.push(`  ${safeJson(k)}: ${safeJson(v)}${comma}`);
    }
  });
  lines.push('}');
  return lines.join('\n');
}

const UNSAFE = /[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufffe\uffff\ud800-\udfff]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
