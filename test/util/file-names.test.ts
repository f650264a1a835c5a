import { describe, expect, it } from 'vitest';
import { fileSlug, fileSlugs } from '../../src/util/file-slug.js';
import { isReservedFileName } from '../../src/util/file-names.js';

describe('Windows-reserved file names', () => {
  it('are the device names, in any case, alone or before an extension', () => {
    for (const name of ['con', 'CON', 'con.md', 'Aux.tf', 'nul.tar.gz', 'prn', 'com1.txt', 'COM9', 'lpt1', 'LPT9.md', 'com0', 'lpt².md', 'con .md']) expect(isReservedFileName(name), name).toBe(true);
  });

  it('are not names that merely contain one (alarms-aux.tf), nor COM10', () => {
    for (const name of ['alarms-aux.tf', 'console.md', 'con-1.md', 'com10', 'lpt.md', 'auxiliary', 'x.con']) expect(isReservedFileName(name), name).toBe(false);
  });

  it('include trailing dots and spaces and the characters Windows refuses', () => {
    for (const name of ['a.', 'a ', 'a:b', 'a?b', 'a*b', 'a|b', 'a<b', 'a"b', 'a\u0001b', '']) expect(isReservedFileName(name), JSON.stringify(name)).toBe(true);
  });
});

describe('fileSlugs', () => {
  it('keeps every slug that does not clash exactly as fileSlug makes it', () => {
    const apps = ['checkout', 'Check Out', '../etc/passwd', '💥'];
    const slugs = fileSlugs(apps, (s) => `${s}.md`);
    for (const app of apps) expect(slugs.get(app)).toBe(fileSlug(app));
  });

  it('tells apart a name that is the slug of another (foo-1cbec737 and Foo): the one that is its own slug keeps it', () => {
    const taken = fileSlug('Foo');
    const slugs = fileSlugs(['Foo', taken], (s) => `${s}.md`);
    expect(slugs.get(taken)).toBe(taken);
    expect(slugs.get('Foo')).toMatch(new RegExp(`^${taken}-[0-9a-f]{8}$`));
  });

  it('avoids file names Windows reserves, and only those', () => {
    expect(fileSlugs(['con'], (s) => `${s}.md`).get('con')).toMatch(/^con-[0-9a-f]{8}$/);
    expect(fileSlugs(['con'], (s) => `alarms-${s}.tf`).get('con')).toBe('con');
  });
});
