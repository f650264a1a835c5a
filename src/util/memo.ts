/**
 * `compute` with its answers remembered, for a text function asked the same few inputs tens of
 * thousands of times (a template's keys, a page's repeated cells). At most `limit` answers are
 * kept: past that, inputs are computed every time, so that a run over many distinct inputs (a
 * key per resource) cannot grow the cache without bound.
 */
export function remembered(compute: (input: string) => string, limit = 10_000): (input: string) => string {
  const answers = new Map<string, string>();
  return (input) => {
    let answer = answers.get(input);
    if (answer === undefined) {
      answer = compute(input);
      if (answers.size < limit) answers.set(input, answer);
    }
    return answer;
  };
}
