import { fileSlugs } from '../util/file-slug.js';

export const MONITORING_DIR = 'monitoring';

/**
 * Where each application's page is, relative to the output folder: distinct even where the
 * file system ignores case, and never a name Windows reserves (`monitoring/con.md`). The model
 * needs it as well as the docs target: each alarm's description points to its page.
 */
export function monitoringPages(apps: Iterable<string>): Map<string, string> {
  const slugs = fileSlugs(apps, (slug) => `${slug}.md`);
  return new Map([...slugs].map(([app, slug]) => [app, `${MONITORING_DIR}/${slug}.md`]));
}
