import { visible } from '../util/visible.js';
import type { DriftItem, DriftReport } from './compare.js';

function where(i: DriftItem): string {
  return `${i.account}/${i.region}`;
}

/**
 * The drift report as text for a terminal or a job log. Names and values come from the live
 * account and from tags: each entry stays on its line, any line break or control character in
 * it shown escaped (util/visible.ts).
 */
export function renderDrift(r: DriftReport): string {
  const checked = r.scopes.filter((s) => s.checked);
  const out = [`obsgen drift: ${checked.length} of ${r.scopes.length} account/region scopes checked`];
  for (const s of r.scopes.filter((x) => !x.checked)) out.push(`  not checked: ${s.account}/${s.region} (${s.error ?? 'unknown error'})`);
  out.push('');
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    out.push(`${title} (${items.length}):`, ...items, '');
  };
  section(
    'Missing in AWS (generated, not deployed or deleted by hand)',
    r.missing.map((i) => `  - ${i.name}  [${where(i)}]`),
  );
  section(
    "In AWS under obsgen's prefix but not generated (created by hand or left over)",
    r.unmanaged.map((i) => `  ? ${i.name}  [${where(i)}]`),
  );
  section(
    'Changed outside obsgen',
    r.changed.flatMap((i) => [`  ~ ${i.name}  [${where(i)}]`, ...i.changes.map((c) => `      ${c.field}: ${c.expected} (generated) → ${c.live} (live)`)]),
  );
  section(
    'Actions disabled (a deployment parameter or by hand; not drift)',
    r.actionsDisabled.map((i) => `  · ${i.name}  [${where(i)}]`),
  );
  out.push(r.drift ? 'Drift found: deploy the generated code again, or regenerate if the change was meant to stay.' : checked.length > 0 ? 'No drift.' : 'Nothing was checked.');
  return `${out.map((l) => visible(l)).join('\n')}\n`;
}
