import { fileNameKey, isReservedFileName } from './file-names.js';
import { shortHash } from './hash.js';
import { assignNames } from './name-registry.js';

/**
 * A safe, stable file-name part for a name that comes from tags (an application): lower-case
 * letters, digits and single hyphens. When the slug differs from the name, a hash of the name
 * is appended. That alone does not keep two names apart (the application `foo-1cbec737` is its
 * own slug, and the slug of `Foo`): `fileSlugs` does.
 */
export function fileSlug(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return slug === name ? slug : `${slug || 'app'}-${shortHash(name, 8)}`;
}

/**
 * The slug of each name, distinct by construction within one folder: `fileName` makes the
 * file's name from a slug, and no two names get files that a case-insensitive file system
 * takes for one, nor one that Windows reserves (`con.md`). A name whose slug is free keeps
 * `fileSlug`'s; of two that clash, a name that is its own slug keeps it and the other gets a
 * hash of its name (`foo-1cbec737-1cbec737` for `Foo`).
 */
export function fileSlugs(names: Iterable<string>, fileName: (slug: string) => string): Map<string, string> {
  const claims = [...new Set(names)].map((name) => {
    const slug = fileSlug(name);
    return { name: slug, identity: name, exact: slug === name };
  });
  return assignNames(claims, { key: (slug) => fileNameKey(fileName(slug)), reserved: (slug) => isReservedFileName(fileName(slug)) });
}
