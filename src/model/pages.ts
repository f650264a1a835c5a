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

/**
 * An application's page as a link, where the config says where the output folder is read in a
 * browser (`output.browseUrl`, ending in `/`): what a description gives the reader of a
 * notification to open. Undefined without it: descriptions then name the page's path.
 */
export function pageUrl(page: string, browseUrl: string | undefined): string | undefined {
  return browseUrl === undefined ? undefined : new URL(page, browseUrl).href;
}
