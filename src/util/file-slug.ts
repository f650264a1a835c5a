import { shortHash } from './hash.js';

/**
 * A safe, stable file-name part for a name that comes from tags (an application): lower-case
 * letters, digits and single hyphens. When the slug differs from the name, a hash of the name
 * is appended, so two names never share a file.
 */
export function fileSlug(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return slug === name ? slug : `${slug || 'app'}-${shortHash(name, 8)}`;
}
