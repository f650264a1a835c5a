/**
 * What CloudWatch accepts for names a blueprint renders from templates. Built-in blueprints
 * only use ARN-derived names, which always pass; a template that pulls in tag values (which
 * anyone who can tag controls) may not, and the object is then skipped with a warning
 * rather than written into a template that would fail to deploy.
 */

/** Log group names: 1-512 of `[.-_/#A-Za-z0-9]`. */
export function logGroupNameProblem(name: string): string | undefined {
  return /^[.\-_/#A-Za-z0-9]{1,512}$/.test(name) ? undefined : 'log group names are 1-512 characters of letters, digits and . - _ / #';
}

/** Metric names from metric filters: 1-255 printable ASCII characters, none of `:`, `*`, `$`. */
export function metricNameProblem(name: string): string | undefined {
  return /^[\x20-\x7e]{1,255}$/.test(name) && !/[:*$]/.test(name) && name.trim() !== ''
    ? undefined
    : 'metric names are 1-255 printable ASCII characters without : * or $';
}

/** Custom metric namespaces: 1-255 of letters, digits and `. - _ / #` and spaces, not starting with `AWS/`. */
export function namespaceProblem(namespace: string): string | undefined {
  if (!/^[A-Za-z0-9 ._/#-]{1,255}$/.test(namespace) || namespace.trim() === '') return 'namespaces are 1-255 characters of letters, digits, spaces and . - _ / #';
  return namespace.startsWith('AWS/') ? 'the AWS/ namespace prefix is reserved for AWS services' : undefined;
}

/** Dimension values: 1-255 characters. */
export function dimensionValueProblem(value: string): string | undefined {
  const n = Array.from(value).length;
  return n >= 1 && n <= 255 ? undefined : 'dimension values are 1-255 characters';
}
