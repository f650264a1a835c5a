/**
 * The evaluation's own reading of CloudWatch metric math, for the subset obsgen's rate alarms
 * use: numbers, query ids, + - * /, comparisons, AND / OR, IF and FILL. Written from
 * CloudWatch's documentation ("Using metric math"), sharing no code with obsgen, so that a math
 * alarm is replayed on the values CloudWatch would compute from the raw metrics, not on values
 * assumed to be what the expression returns.
 *
 * Per timestamp: a missing input makes arithmetic and comparisons missing (no datapoint);
 * FILL(m, c) puts c where m has none; IF(c, a, b) is a where c is non-zero, b where it is 0,
 * missing where c is; a comparison is 1 or 0; division by zero is missing (an assumption: AWS
 * does not document it, and obsgen's guards keep the denominator above 0).
 */

type Node =
  | { kind: 'number'; value: number }
  | { kind: 'id'; id: string }
  | { kind: 'unary'; op: '-' | 'NOT'; arg: Node }
  | { kind: 'binary'; op: string; left: Node; right: Node }
  | { kind: 'call'; name: string; args: Node[] };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(>=|<=|==|!=|&&|\|\||[-+*/()<>,]))/y;

function tokenize(expression: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    if (/^\s*$/.test(expression.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(expression);
    if (!m) throw new Error(`metric math: cannot read ${JSON.stringify(expression.slice(at))}`);
    out.push(m[1] ?? m[2] ?? m[3]!);
  }
  return out;
}

/** Parses an expression of the supported subset; throws on anything else. */
export function parseMath(expression: string): Node {
  const tokens = tokenize(expression);
  let i = 0;
  const peek = () => tokens[i];
  const take = (t?: string) => {
    const got = tokens[i++];
    if (got === undefined || (t !== undefined && got !== t)) throw new Error(`metric math: expected ${t ?? 'more'} at token ${i} of ${JSON.stringify(expression)}`);
    return got;
  };
  const binary = (ops: string[], next: () => Node) => (): Node => {
    let left = next();
    while (peek() !== undefined && ops.includes(peek()!)) {
      const op = take();
      left = { kind: 'binary', op: op === '&&' ? 'AND' : op === '||' ? 'OR' : op, left, right: next() };
    }
    return left;
  };
  const primary = (): Node => {
    const t = take();
    if (t === '(') {
      const e = or();
      take(')');
      return e;
    }
    if (t === '-') return { kind: 'unary', op: '-', arg: primary() };
    if (t === 'NOT') return { kind: 'unary', op: 'NOT', arg: primary() };
    if (/^\d/.test(t)) return { kind: 'number', value: Number(t) };
    if (/^[A-Z]/.test(t) && peek() === '(') {
      take('(');
      const args: Node[] = [or()];
      while (peek() === ',') {
        take(',');
        args.push(or());
      }
      take(')');
      return { kind: 'call', name: t, args };
    }
    if (/^[a-z]/.test(t)) return { kind: 'id', id: t };
    throw new Error(`metric math: unexpected ${JSON.stringify(t)} in ${JSON.stringify(expression)}`);
  };
  const mul = binary(['*', '/'], primary);
  const add = binary(['+', '-'], mul);
  const cmp = binary(['>=', '<=', '>', '<', '==', '!='], add);
  const and = binary(['AND', '&&'], cmp);
  const or = binary(['OR', '||'], and);
  const root = or();
  if (i !== tokens.length) throw new Error(`metric math: unexpected ${JSON.stringify(tokens[i])} in ${JSON.stringify(expression)}`);
  return root;
}

function at(node: Node, inputs: Record<string, ArrayLike<number>>, k: number): number {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'id': {
      const series = inputs[node.id];
      if (!series) throw new Error(`metric math: no values for ${node.id}`);
      return series[k]!;
    }
    case 'unary': {
      const v = at(node.arg, inputs, k);
      if (Number.isNaN(v)) return NaN;
      return node.op === '-' ? -v : v === 0 ? 1 : 0;
    }
    case 'binary': {
      const l = at(node.left, inputs, k);
      const r = at(node.right, inputs, k);
      if (Number.isNaN(l) || Number.isNaN(r)) return NaN;
      switch (node.op) {
        case '+':
          return l + r;
        case '-':
          return l - r;
        case '*':
          return l * r;
        case '/':
          return r === 0 ? NaN : l / r;
        case '>=':
          return l >= r ? 1 : 0;
        case '<=':
          return l <= r ? 1 : 0;
        case '>':
          return l > r ? 1 : 0;
        case '<':
          return l < r ? 1 : 0;
        case '==':
          return l === r ? 1 : 0;
        case '!=':
          return l !== r ? 1 : 0;
        case 'AND':
          return l !== 0 && r !== 0 ? 1 : 0;
        case 'OR':
          return l !== 0 || r !== 0 ? 1 : 0;
      }
      throw new Error(`metric math: operator ${node.op}`);
    }
    case 'call': {
      if (node.name === 'FILL' && node.args.length === 2) {
        const v = at(node.args[0]!, inputs, k);
        return Number.isNaN(v) ? at(node.args[1]!, inputs, k) : v;
      }
      if (node.name === 'IF' && (node.args.length === 2 || node.args.length === 3)) {
        const c = at(node.args[0]!, inputs, k);
        if (Number.isNaN(c)) return NaN;
        if (c !== 0) return at(node.args[1]!, inputs, k);
        return node.args[2] ? at(node.args[2], inputs, k) : NaN;
      }
      throw new Error(`metric math: ${node.name} with ${node.args.length} arguments is not supported here`);
    }
  }
}

/**
 * The expression's value at every timestamp of its inputs (query id → one value per period,
 * NaN where CloudWatch has no datapoint); all inputs must have the same length.
 */
export function evaluateMath(expression: string, inputs: Record<string, ArrayLike<number>>): Float64Array {
  const root = parseMath(expression);
  const lengths = new Set(Object.values(inputs).map((v) => v.length));
  if (lengths.size !== 1) throw new Error('metric math: inputs of different lengths');
  const n = [...lengths][0]!;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = at(root, inputs, k);
  return out;
}
