import { createRequire } from 'node:module';
import type Handlebars from 'handlebars';

let env: typeof Handlebars | undefined;

/**
 * The one Handlebars environment obsgen uses: isolated (`create()`: no partials, no custom
 * helpers, nothing global to tamper with) and loaded on first use. Loading Handlebars is ~30 ms
 * of CPU, and a run answered from its manifest (pipeline/unchanged.ts), or one whose templates
 * are all plain text, parses no template. Handlebars is CommonJS, so it can be required then.
 */
export function handlebars(): typeof Handlebars {
  return (env ??= (createRequire(import.meta.url)('handlebars') as typeof Handlebars).create());
}
