import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBlueprint } from '../../src/blueprints/load.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { builtinBlueprintFiles, RESOURCE_TYPES, SERVICES } from '../../src/services/registry.js';
import { REPO } from '../helpers/paths.js';

const SERVICES_DIR = join(REPO, 'src/services');

describe('the services registry', () => {
  it('lists every service folder once, by its folder name, and nothing else', () => {
    const folders = readdirSync(SERVICES_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(SERVICES.map((s) => s.id).sort()).toEqual(folders);
    for (const s of SERVICES) expect(existsSync(join(SERVICES_DIR, s.id, 'index.ts')), s.id).toBe(true);
  });

  it.each(SERVICES.map((s) => [s.id, s] as const))('%s: its types share one ARN service, and each has a sample and nothing else does', (_id, service) => {
    expect(new Set(service.types.map((t) => t.service)).size).toBe(1);
    expect(Object.keys(service.examples).sort()).toEqual(service.types.map((t) => t.id).sort());
  });

  it.each(SERVICES.map((s) => [s.id, s] as const))('%s: its blueprints load, and are for its own types', (_id, service) => {
    expect(service.blueprints.length).toBeGreaterThan(0);
    const own = new Set(service.types.map((t) => t.id));
    for (const file of builtinBlueprintFiles().filter((f) => service.blueprints.includes(basename(f)))) {
      const diags = new Diagnostics();
      const blueprint = parseBlueprint({ file, text: readFileSync(file, 'utf8'), builtin: true }, diags);
      expect(diags.items).toEqual([]);
      expect(own.has(blueprint!.resourceType), `${file} is for ${blueprint!.resourceType}`).toBe(true);
    }
  });

  it('lists every blueprint file in a service folder exactly once, and every listed file exists', () => {
    const listed = SERVICES.flatMap((s) => s.blueprints);
    expect(new Set(listed).size).toBe(listed.length);
    const shipped = SERVICES.flatMap((s) => readdirSync(join(SERVICES_DIR, s.id)).filter((f) => /\.ya?ml$/.test(f)));
    expect([...listed].sort()).toEqual(shipped.sort());
    expect(builtinBlueprintFiles().every((f) => existsSync(f))).toBe(true);
  });

  it.each(SERVICES.filter((s) => s.enrich).map((s) => [s.id, s] as const))('%s: its enrich hook is for its own types and says what it may call', async (_id, service) => {
    const own = new Set(service.types.map((t) => t.id));
    for (const t of service.enrich!.types) expect(own.has(t), t).toBe(true);
    expect(service.enrich!.permissions.length).toBeGreaterThan(0);
    for (const p of service.enrich!.permissions) for (const a of p.actions) expect(a).toMatch(/^[a-z0-9-]+:(Get|Describe|List)[A-Za-z]*$|:GET$/);
    expect(typeof (await service.enrich!.load()).enrich).toBe('function');
  });

  it('keeps the registry order for types (the order ARNs of one service are tried in)', () => {
    expect(RESOURCE_TYPES.map((t) => t.id)).toEqual(SERVICES.flatMap((s) => s.types.map((t) => t.id)));
  });
});
