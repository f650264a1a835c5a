import { describe, expect, it } from 'vitest';
import { isSafeOutputPath } from '../../../src/write/output-dir.js';
import { generateFor } from '../../helpers/pipeline.js';
import type { Mapping } from '../../helpers/pipeline.js';
import { PAGE_LIMITS } from '../../../src/targets/docs/monitoring.js';

const fn = (name: string, app: string, region = 'eu-west-1', account = '111111111111'): Mapping => ({
  ResourceARN: `arn:aws:lambda:${region}:${account}:function:${name}`,
  Tags: [{ Key: 'app', Value: app }],
});

function docs(mappings: Mapping[], options: Parameters<typeof generateFor>[1] = {}): Map<string, string> {
  const { result, diags } = generateFor(mappings, options);
  expect(diags.hasErrors).toBe(false);
  return new Map(result!.files.filter((f) => f.path === 'MONITORING.md' || f.path.startsWith('monitoring/')).map((f) => [f.path, f.content]));
}

describe('MONITORING.md and the application pages', () => {
  it('indexes one page per application, with its counts, and each page holds only its own resources', () => {
    const out = docs([fn('cart-api', 'shop'), fn('cart-worker', 'shop', 'us-east-1'), fn('mailer', 'mail')]);
    expect([...out.keys()].sort()).toEqual(['MONITORING.md', 'monitoring/mail.md', 'monitoring/shop.md']);
    const index = out.get('MONITORING.md')!;
    const row = (app: string) => index.split('\n').find((l) => l.startsWith(`| [${app}](monitoring/${app}.md) |`));
    // application | scopes | resources | alarms | critical | warning | info
    const shop = row('shop')!.split(' | ');
    expect(shop[1]).toBe('111111111111/eu-west-1, 111111111111/us-east-1');
    expect(shop[2]).toBe('2');
    const mail = row('mail')!.split(' | ');
    expect(mail[2]).toBe('1');
    expect(Number(shop[3])).toBe(2 * Number(mail[3]));

    const page = out.get('monitoring/shop.md')!;
    expect(page).toContain('](../MONITORING.md)');
    expect(page).toMatch(/^## Lambda function cart-api$/m);
    expect(page).toMatch(/^## Lambda function cart-worker$/m);
    expect(page).not.toContain('mailer');
    expect(page).toContain('dashboards:name=obsgen-shop-eu-west-1');
    expect(page).not.toContain('obsgen-mail-');
    // One composite per scope, named alike: each says its scope.
    expect(page).toContain('\\(111111111111/eu-west-1\\)');
    expect(page).toContain('\\(111111111111/us-east-1\\)');
  });

  it('gives applications whose names are not safe file names distinct, safe pages', () => {
    const out = docs([fn('a', 'Shop'), fn('b', 'shop'), fn('c', '../etc/passwd'), fn('d', '')]);
    const pages = [...out.keys()].filter((p) => p !== 'MONITORING.md');
    expect(pages).toHaveLength(4);
    for (const p of pages) expect(isSafeOutputPath(p), p).toBe(true);
    expect(pages).toContain('monitoring/shop.md');
    expect(pages.filter((p) => p.startsWith('monitoring/shop-'))).toHaveLength(1);
    // The name is shown escaped, and links to its page.
    expect(out.get('MONITORING.md')).toMatch(/\| \[\.\.\/etc\/passwd\]\(monitoring\/etc-passwd-[0-9a-f]{8}\.md\) \|/);
  });

  it('says each scope\'s actions, and a first check or runbook shared by a blueprint alarm\'s alarms, once per page; what differs stays in the rows', () => {
    const out = docs([fn('cart-api', 'shop'), fn('cart-worker', 'shop'), fn('cart-batch', 'shop', 'us-east-1')], {
      config: (c) => {
        c.actions.critical = ['arn:{{partition}}:sns:{{region}}:{{account}}:pager'];
        c.actions.warning = ['arn:{{partition}}:sns:{{region}}:{{account}}:alerts'];
      },
    });
    const page = out.get('monitoring/shop.md')!;
    const lines = page.split('\n');
    // One notifications row per scope, with the actions of each severity the page uses.
    const scopeRows = lines.filter((l) => /^\| 111111111111\/(eu-west-1|us-east-1) \| /.test(l));
    expect(scopeRows).toHaveLength(2);
    expect(scopeRows[0]).toContain('`arn:aws:sns:eu-west-1:111111111111:');
    expect(scopeRows[1]).toContain('`arn:aws:sns:us-east-1:111111111111:');
    // The rows no longer repeat the actions.
    const rows = lines.filter((l) => l.startsWith('| [') && l.includes('#alarmsV2:alarm/'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).not.toContain('arn:aws:sns:');
    // throttles: the same first check and runbook for every function, so said once in the legend.
    const throttles = lines.find((l) => l.startsWith('| `lambda-function/throttles` |'))!;
    expect(throttles).toContain('ConcurrentExecutions against the function');
    expect(throttles).toContain('[runbook](https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html)');
    expect(page.split('ConcurrentExecutions against the function').length - 1).toBe(1);
    // errors: a first check naming the function differs per function, so each row says its own;
    // its runbook is shared.
    const errors = lines.find((l) => l.startsWith('| `lambda-function/errors` |'))!;
    expect(errors).toContain('per resource, below');
    expect(errors).toContain('[runbook](https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-execution.html)');
    for (const name of ['cart-api', 'cart-worker', 'cart-batch']) {
      const row = rows.find((l) => l.includes('[`lambda-function/errors`](#alarms-by-blueprint)') && l.includes(`%252F${name}%252F`))!;
      expect(row).toContain(`First check: Recent error lines in /aws/lambda/${name}`);
      expect(row).not.toContain('[runbook]');
    }
  });

  it('says so when there are no alarms', () => {
    const out = docs([]);
    expect([...out.keys()]).toEqual(['MONITORING.md']);
    expect(out.get('MONITORING.md')).toContain('No alarms.');
  });
});

describe('a page larger than a code host renders', () => {
  // 160 functions of one application: about 3 KB of page each, past the budget.
  const names = Array.from({ length: 160 }, (_, i) => `fn-${String(i).padStart(3, '0')}`);
  const out = docs(names.map((n) => fn(n, 'shop')));
  const parts = [...out.keys()].filter((p) => p.startsWith('monitoring/parts/')).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const page = out.get('monitoring/shop.md')!;
  const bytes = (text: string) => Buffer.byteLength(text);

  it('continues on parts under monitoring/parts/<page>/, each within the budget, a section never cut', () => {
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts).toEqual(parts.map((_, i) => `monitoring/parts/shop/${i + 1}.md`));
    for (const p of [page, ...parts.map((x) => out.get(x)!)]) expect(bytes(p)).toBeLessThanOrEqual(PAGE_LIMITS.bytes);
    // Every resource's section is on exactly one part, in the page's order, and none on the page.
    const headings = parts.flatMap((p) => out.get(p)!.split('\n').filter((l) => l.startsWith('## ')));
    expect(headings).toEqual(names.map((n) => `## Lambda function ${n}`));
    expect(page).not.toMatch(/^## Lambda function /m);
    // Each alarm's row once, with its console link.
    const rows = parts.flatMap((p) => out.get(p)!.split('\n').filter((l) => l.includes('#alarmsV2:alarm/')));
    expect(new Set(rows).size).toBe(rows.length);
    expect(rows.length).toBe(names.length * 7);
  });

  it('keeps on the page what an alarm links to, and lists the parts with the resources each holds', () => {
    expect(page).toMatch(/^## Notifications$/m);
    expect(page).toMatch(/^## Alarms by blueprint$/m);
    const index = page.split('\n').filter((l) => /^\| \[\d+\]\(parts\/shop\/\d+\.md\) \|/.test(l));
    expect(index).toHaveLength(parts.length);
    const counts = index.map((l) => Number(l.split(' | ')[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(names.length);
    expect(index[0]).toContain(' | Lambda function fn-000 \\(111111111111/eu-west-1\\) | ');
    expect(index.at(-1)).toMatch(/ \| Lambda function fn-159 \\\(111111111111\/eu-west-1\\\) \|$/);
  });

  it("links from each part to the page's legend and back up, to files that exist", () => {
    for (const p of parts) {
      const text = out.get(p)!;
      const links = [...text.matchAll(/\]\((\.\.[^)#]*)(#[^)]*)?\)/g)].map((m): [string, string] => [m[1]!, m[2] ?? '']);
      expect(links.length).toBeGreaterThan(names.length / parts.length);
      for (const [target, anchor] of links) {
        const resolved = new URL(target, `file:///out/${p}`).pathname.slice('/out/'.length);
        expect([resolved, out.has(resolved)]).toEqual([resolved, true]);
        if (anchor) expect([target, anchor]).toEqual(['../../shop.md', '#alarms-by-blueprint']);
      }
    }
    for (const [, target] of page.matchAll(/\]\((parts\/[^)]*)\)/g)) expect(out.has(`monitoring/${target}`)).toBe(true);
  });
});
