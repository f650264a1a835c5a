import { compileTemplate, contextObject } from '../blueprints/template.js';
import type { SpecRef } from '../blueprints/types.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { DocPath } from '../diagnostics/source-document.js';
import { resourceType } from '../services/registry.js';
import type { Resource } from '../discover/types.js';

/** Template context for one resource: `resource`, `tags`, `app`, `env`, `prefix`. */
export function resourceContext(resource: Resource, app: string, env: string | undefined, prefix: string): Record<string, unknown> {
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
        ['typeLabel', resourceType(resource.type)?.label ?? resource.type],
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

/**
 * Renders blueprint templates, turning strict-mode failures into diagnostics that point at
 * the template in its blueprint file and name the resource.
 */
export class Renderer {
  constructor(readonly diags: Diagnostics) {}

  /** Renders `source` (found at `at` + `field`); undefined when it fails. */
  render(source: string, context: object, at: SpecRef, field: DocPath, arn: string): string | undefined {
    try {
      // NFC, as Terraform would make it: every output then carries the same text.
      return compileTemplate(source).render(context).normalize('NFC');
    } catch (e) {
      const pos = at.doc.locate([...at.path, ...field]);
      this.diags.error(`template ${JSON.stringify(source)} for ${arn}: ${(e as Error).message.split('\n')[0]}`, {
        file: at.doc.file,
        ...pos,
      });
      return undefined;
    }
  }
}
