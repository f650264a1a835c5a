import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { parseArn } from './arn.js';
import type { Arn } from './arn.js';
import type { DeclaredType, TypeDeclaration } from './declared-type.js';
import { recogniseArn, resourceType } from './registry.js';
import type { Recognition, ResourceType } from './service.js';

/**
 * The resource types of a run: the built-in ones (the registry) and those a platform team
 * declared (the config's `resourceTypes`, `*.types.yaml` in blueprint folders). Built-in types
 * are tried first: a declaration adds types, it never changes what a built-in one recognises.
 */
export class ResourceTypes {
  /** Only the built-in types. */
  static readonly BUILTIN = new ResourceTypes([]);

  private readonly byId: ReadonlyMap<string, DeclaredType>;
  private readonly byService: ReadonlyMap<string, readonly ResourceType[]>;

  private constructor(readonly declared: readonly DeclaredType[]) {
    this.byId = new Map(declared.map((d) => [d.type.id, d]));
    const byService = new Map<string, ResourceType[]>();
    for (const d of declared) byService.set(d.type.service, [...(byService.get(d.type.service) ?? []), d.type]);
    this.byService = byService;
  }

  /**
   * These types and the declared ones that are sound: an id that is new, and an example ARN the
   * type recognises (before any other type) as the example says. The others are left out, each
   * problem an error at its place in the declaration.
   */
  declare(more: readonly DeclaredType[], diags: Diagnostics): ResourceTypes {
    let out = new ResourceTypes(this.declared);
    for (const d of more) {
      const id = d.type.id;
      if (resourceType(id)) {
        diags.error(`resource type ${JSON.stringify(id)} is built in; give the declared one another id`, d.at(['id']));
        continue;
      }
      const earlier = out.byId.get(id);
      if (earlier) {
        const where = earlier.at(['id']);
        diags.error(`resource type ${JSON.stringify(id)} is also declared at ${where.file}:${where.line}:${where.column}`, d.at(['id']));
        continue;
      }
      const candidate = new ResourceTypes([...out.declared, d]);
      const problem = exampleProblem(candidate, d);
      if (problem) {
        diags.error(problem.message, d.at(['example', problem.key]));
        continue;
      }
      out = candidate;
    }
    return out;
  }

  /** The type with this id. */
  get(id: string): ResourceType | undefined {
    return resourceType(id) ?? this.byId.get(id)?.type;
  }

  /** Whether a type is declared rather than built in. */
  isDeclared(id: string): boolean {
    return this.byId.has(id);
  }

  /** The type that recognises an ARN, built-in types first; undefined when none does. */
  recognise(arn: Arn, tags: ReadonlyMap<string, string>): { type: ResourceType; recognition: Recognition } | undefined {
    const builtin = recogniseArn(arn, tags);
    if (builtin) return builtin;
    for (const type of this.byService.get(arn.service) ?? []) {
      const recognition = type.recognise(arn, tags);
      if (recognition) return { type, recognition };
    }
    return undefined;
  }

  /** The declarations, as the run's fingerprint hashes the config (built-in types come with the version). */
  toJSON(): TypeDeclaration[] {
    return this.declared.map((d) => d.declaration);
  }
}

/** What is wrong with a declared type's example in a catalogue that holds it, if anything. */
function exampleProblem(types: ResourceTypes, d: DeclaredType): { key: 'arn' | 'name' | 'dimensions'; message: string } | undefined {
  const { example, id } = { example: d.declaration.example, id: d.type.id };
  const arn = parseArn(example.arn);
  if (!arn) return { key: 'arn', message: `not an ARN: ${JSON.stringify(example.arn)}` };
  const got = types.recognise(arn, new Map());
  if (!got) return { key: 'arn', message: `the example ARN does not match the ARN pattern ${d.declaration.arn}` };
  if (got.type.id !== id) {
    return { key: 'arn', message: `the example ARN is recognised as ${got.type.id}${types.isDeclared(got.type.id) ? '' : ' (built in)'} first, so this type would never see one` };
  }
  if (got.recognition.kind !== 'resource') return { key: 'arn', message: `the example ARN is not monitored: ${got.recognition.reason}` };
  if (example.name !== undefined && got.recognition.name !== example.name) {
    return { key: 'name', message: `the example's name is ${JSON.stringify(got.recognition.name)}, not ${JSON.stringify(example.name)}` };
  }
  const dimensions = (list: [string, string][]) => list.map(([n, v]) => `${n}=${v}`).join(', ');
  const expected = example.dimensions && dimensions(Object.entries(example.dimensions));
  const actual = dimensions(got.recognition.dimensions.map((x) => [x.name, x.value]));
  if (expected !== undefined && expected !== actual) return { key: 'dimensions', message: `the example's dimensions are ${actual}, not ${expected}` };
  return undefined;
}
