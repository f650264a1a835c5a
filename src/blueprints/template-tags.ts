import { handlebars } from './handlebars.js';
import { scanPlainTemplate } from './plain-scan.js';

/** The tags a template reads: by key, or all of them (`all`). */
export interface TagsRead {
  keys: string[];
  all: boolean;
}


/**
 * The tag keys a template reads (`{{tags.team}}`, `{{tags.[obsgen:log-group]}}`), or `all`
 * when it reads the tags as a whole (`{{#each tags}}`, `{{lookup tags key}}`, `{{#with tags}}`),
 * whose keys it cannot know. Deliberately generous: any path through a `tags` part counts,
 * whatever context it is read in, because a tag missed here is one whose change would go
 * unrecorded (src/state/output-tags.ts). A template that does not parse reads nothing: it is
 * reported where it is checked and never rendered.
 */
export function tagsReadBy(source: string): TagsRead {
  const read: TagsRead = { keys: [], all: false };
  if (!source.includes('{{')) return read;
  const plain = scanPlainTemplate(source);
  if (plain) {
    for (const part of plain.parts) if (typeof part !== 'string') visitPath(part.segments, read);
    return read;
  }
  let ast: hbs.AST.Program;
  try {
    ast = handlebars().parse(source);
  } catch {
    return read;
  }
  visit(ast, read);
  return read;
}

function visit(node: unknown, read: TagsRead): void {
  if (Array.isArray(node)) {
    for (const n of node) visit(n, read);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as { type?: string };
  if (n.type === 'PathExpression') {
    visitPath((node as hbs.AST.PathExpression).parts, read);
    return;
  }
  // `lookup this "tags"` reaches the tags without a path.
  if (n.type === 'StringLiteral' && (node as hbs.AST.StringLiteral).value === 'tags') read.all = true;
  for (const [key, value] of Object.entries(node)) if (key !== 'loc') visit(value, read);
}

/** A path's parts: `tags.<key>` reads one tag, `tags` alone all of them. */
function visitPath(parts: readonly string[], read: TagsRead): void {
  const at = parts.indexOf('tags');
  if (at < 0) return;
  const key = parts[at + 1];
  if (key === undefined) read.all = true;
  else read.keys.push(key);
}
