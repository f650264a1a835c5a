import { compileTemplate, contextObject } from '../blueprints/template.js';
import type { SpecRef } from '../blueprints/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { DocPath } from '../diagnostics/source-document.js';
import { resourceType } from '../services/registry.js';
import type { Resource } from '../discover/types.js';

/** Template context for one resource: `resource`, `tags`, `app`, `env`, `prefix`. `typeLabel`: its type's label (a declared type's too). */
export function resourceContext(resource: Resource, app: string, env: string | undefined, prefix: string, typeLabel = resourceType(resource.type)?.label ?? resource.type): Record<string, unknown> {
  return contextObject('context', [
    [
      'resource',
      contextObject('resource', [
        ['name', resource.name],
        ['arn', resource.arn],
        ['partition', resource.partition],
        ['account', resource.account],
        ['region', resource.region],
        ['service', resource.service],
        ['type', resource.type],
        ['typeLabel', typeLabel],
        ['namespace', resource.namespace],
        ['dimensions', contextObject('dimensions', resource.dimensions.map((d) => [d.name, d.value] as const))],
        ['attributes', contextObject('attributes', Object.entries(resource.attributes))],
      ]),
    ],
    ['tags', contextObject('tags', resource.tags)],
    ['app', app],
    // Always a string, so `{{#if env}}` works and `{{env}}` never fails on untagged resources.
    ['env', env ?? ''],
    ['prefix', prefix],
  ]);
}

/** Adds `alarm` (id, title, severity, threshold) to a resource context. */
export function withAlarm(context: Record<string, unknown>, alarm: { id: string; title: string; severity: string; threshold: number }): Record<string, unknown> {
  return contextObject('context', [
    ...Object.entries(context),
    ['alarm', contextObject('alarm', Object.entries(alarm))],
  ]);
}

/** What a template gives instead when it reads a tag the resource does not have (see `Renderer.render`). */
export interface InsteadOfMissingTag {
  /** The text to use; undefined to fall back to rendering the missing tags as empty. */
  value(): string | undefined;
  /** What the finding says the resource gets instead, after the problem (e.g. which name an alarm keeps). */
  says: string;
}

// How often a template is rendered again, each time with one more missing tag read as empty.
const MAX_MISSING_TAGS = 20;

/**
 * Renders blueprint templates, turning strict-mode failures into diagnostics that point at
 * the template in its blueprint file and name the resource.
 *
 * A template that reads a tag this resource does not have (`{{tags.team}}` on an untagged
 * resource) is not wrong: the resource is. That is a finding about the resource and the tag
 * (`Diagnostics.tagProblem`: a warning, an error with `--strict`), and the template is rendered
 * with the missing tag as empty text, as Handlebars would outside strict mode, or gives what
 * `instead` says. Any other failure is an error at the template.
 */
export class Renderer {
  constructor(readonly diags: Diagnostics) {}

  /** Renders `source` (found at `at` + `field`); undefined when it fails. */
  render(source: string, context: object, at: SpecRef, field: DocPath, arn: string, instead?: InsteadOfMissingTag): string | undefined {
    const template = compileTemplate(source);
    const missing: string[] = [];
    let ctx = context;
    for (;;) {
      try {
        // NFC, as Terraform would make it: every output then carries the same text.
        const text = template.render(ctx).normalize('NFC');
        if (missing.length === 0) return text;
        const other = instead?.value()?.normalize('NFC');
        const says = other === undefined ? `rendered with ${missing.length === 1 ? 'it' : 'them'} empty` : instead!.says;
        for (const tag of missing) {
          this.diags.tagProblem(`template ${JSON.stringify(source)} reads tag ${JSON.stringify(tag)}, which this resource does not have`, says, { arn, tag });
        }
        return other ?? text;
      } catch (e) {
        const tag = missingTag(e);
        if (tag !== undefined && !missing.includes(tag) && missing.length < MAX_MISSING_TAGS) {
          missing.push(tag);
          ctx = withEmptyTag(ctx, tag);
          continue;
        }
        const pos = at.doc.locate([...at.path, ...field]);
        this.diags.error(`template ${JSON.stringify(source)} for ${arn}: ${(e as Error).message.split('\n')[0]}`, {
          file: at.doc.file,
          ...pos,
        });
        return undefined;
      }
    }
  }
}

// Strict mode names a missing key and the object it was looked up in, which for tags is the
// context object labelled `tags` (see resourceContext): `"team" not defined in [tags]`.
const MISSING_TAG = /^"(.*)" not defined in \[tags\]/;

/** The tag key a strict-mode failure says is missing from `tags`, if that is what it says. */
function missingTag(e: unknown): string | undefined {
  return e instanceof Error ? MISSING_TAG.exec(e.message)?.[1] : undefined;
}

/** The same context, with `tag` added to its tags as empty text. */
function withEmptyTag(context: object, tag: string): Record<string, unknown> {
  return contextObject(
    'context',
    Object.entries(context).map(([key, value]): [string, unknown] => [key, key === 'tags' ? contextObject('tags', [...Object.entries(value as object), [tag, '']]) : value]),
  );
}
