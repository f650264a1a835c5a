import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticEstate } from '../../../scripts/lib/synthetic-estate.js';
import { parseTemplate, validateTemplates } from '../../helpers/cloudformation-output.js';
import { readTree } from '../../helpers/files.js';
import { REPO } from '../../helpers/paths.js';
import { generateFor } from '../../helpers/pipeline.js';

describe('generated CloudFormation against the CloudFormation schemas and AWS limits', () => {
  it('every template in generated/ is valid', () => {
    const files = [...readTree(join(REPO, 'generated'))];
    expect(files.filter(([p]) => p.startsWith('cloudformation/')).length).toBeGreaterThan(0);
    expect(validateTemplates(files)).toEqual([]);
  });

  it('a 1,200-resource inventory splits into several valid stacks', () => {
    const estate = syntheticEstate({ resources: 1200, seed: 7, accounts: 2, regions: ['eu-west-1', 'us-east-1'] });
    const { result, diags } = generateFor(Object.fromEntries(estate));
    expect(diags.items.filter((d) => d.severity === 'error')).toEqual([]);
    const files = result!.files.map((f) => [f.path, f.content] as [string, string]);
    const templates = files.filter(([p]) => p.startsWith('cloudformation/'));
    // Four scopes, and more than one alarms stack in each.
    expect(result!.manifest.stacks.filter((s) => s.tier === 'alarms').length).toBeGreaterThan(8);
    expect(validateTemplates(files)).toEqual([]);
    for (const [path, text] of templates) {
      const t = parseTemplate(path, text) as { Resources: object; Outputs?: object };
      expect(Object.keys(t.Resources).length).toBeLessThanOrEqual(500);
      expect(Object.keys(t.Outputs ?? {}).length).toBeLessThanOrEqual(200);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1_048_576);
    }
  });

  it('JSON syntax templates are valid too', () => {
    const { result } = generateFor(Object.fromEntries(syntheticEstate({ resources: 60, seed: 3 })), {
      config: (c) => {
        c.output.cloudformation.syntax = 'json';
      },
    });
    const files = result!.files.map((f) => [f.path, f.content] as [string, string]);
    expect(files.some(([p]) => p.endsWith('.json') && p.startsWith('cloudformation/'))).toBe(true);
    expect(validateTemplates(files)).toEqual([]);
  });

  it('the validator catches a broken generated template (the check can fail)', () => {
    const files = [...readTree(join(REPO, 'generated'))].filter(([p, t]) => p.startsWith('cloudformation/') && t.includes('EvaluationPeriods:'));
    const [path, text] = files[0]!;
    const broken = text.replace('EvaluationPeriods:', 'EvaluationPeriodz:');
    expect(validateTemplates([[path, broken]]).length).toBeGreaterThan(0);
  });
});
