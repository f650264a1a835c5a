// Compiles the JSON Schemas of schemas/ into one CommonJS module of validators beside the
// compiled schema-validator module (dist/util/), which a run then loads instead of compiling
// them (src/util/schema-validator.ts says what that saves). Run by `npm run build`, after tsc.
import { writeFileSync } from 'node:fs';

const { compiledValidatorsCode, schemaTexts, COMPILED_VALIDATORS } = await import('../dist/util/schema-validator.js');
writeFileSync(new URL(`../dist/util/${COMPILED_VALIDATORS}`, import.meta.url), compiledValidatorsCode(schemaTexts()));
