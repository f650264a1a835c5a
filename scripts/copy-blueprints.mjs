// Copies the built-in blueprints (src/services/<service>/*.yaml) beside the compiled code in
// dist/, where the services registry finds them: tsc compiles TypeScript only.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const from = new URL('../src/services/', import.meta.url).pathname;
const to = new URL('../dist/services/', import.meta.url).pathname;
for (const service of readdirSync(from, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const file of readdirSync(join(from, service.name)).filter((f) => f.endsWith('.yaml'))) {
    mkdirSync(join(to, service.name), { recursive: true });
    copyFileSync(join(from, service.name, file), join(to, service.name, file));
  }
}
