import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import type { OutputFile } from '../../src/targets/files.js';
import { CONCEPTS_DIR, EXPECTED_DIR, conceptNames, isNoise, expectedFiles, keptFiles, readConcept, runConcept, targetOf, writeExpected } from './harness.js';
import type { ConceptRun } from './harness.js';

// Per-concept goldens: each folder is one small input and what `generate` makes of it, so a
// change to how one concept is emitted shows up as a diff in exactly that concept's files
// (the estate-wide golden in test/golden.test.ts says only that something changed somewhere).
// `UPDATE_CONCEPTS=1 npx vitest run test/concepts` rewrites the expected files on purpose;
// review the diff before committing it.
const UPDATE = process.env['UPDATE_CONCEPTS'] === '1';
const REFRESH = 'if the change is meant, run `UPDATE_CONCEPTS=1 npx vitest run test/concepts` and review the diff';

// A CI job must compare, never bless: an update there would make the test pass whatever changed.
if (UPDATE && process.env['CI']) throw new Error('UPDATE_CONCEPTS is for a deliberate local refresh, not for CI');

const NAMES = conceptNames();

it('the README describes every concept folder', () => {
  const readme = readFileSync(join(CONCEPTS_DIR, 'README.md'), 'utf8');
  const listed = [...readme.matchAll(/^\| \[`([^`]+)\/`\]/gm)].map((m) => m[1]);
  expect(listed, 'test/concepts/README.md: the table of concepts does not match the folders').toEqual(NAMES);
});

for (const name of NAMES) {
  describe(`concept ${name}`, () => {
    const concept = readConcept(name);
    // Listed when the tests are collected, so that each expected file is a test of its own and
    // a failure names it; the content is read again when the test runs (after any refresh).
    const paths = [...expectedFiles(concept).keys()];
    let run: ConceptRun;
    // When generation stops, every other test says so (with why) instead of reporting each
    // expected file as vanished.
    const generated = (): OutputFile[] => {
      if (run.files) return run.files;
      throw new Error(`concept ${name}: generate stopped: ${run.diags.items.map(formatDiagnostic).join('; ')}`);
    };

    beforeAll(async () => {
      run = await runConcept(concept);
      if (UPDATE && run.files) writeExpected(concept, keptFiles(concept, run.files));
    });

    it('generates with no diagnostics', () => {
      // Every concept is valid input: a warning here is a change in behaviour worth seeing.
      expect(run.diags.items.map(formatDiagnostic), `concept ${name}: diagnostics`).toEqual([]);
      expect(run.files, `concept ${name}: generate stopped`).toBeDefined();
    });

    it('generates exactly its expected files, besides those it omits', () => {
      const files = generated();
      const generatedPaths = files.map((f) => f.path);
      for (const path of concept.omit) {
        expect(generatedPaths, `concept ${name}: concept.yaml omits ${path}, which is not generated: remove it from the list`).toContain(path);
        expect(isNoise(path), `concept ${name}: concept.yaml omits ${path}, which every concept omits already`).toBe(false);
      }
      const kept = keptFiles(concept, files).map((f) => f.path).sort();
      const expected = [...expectedFiles(concept).keys()].sort();
      // A file that appears is either shown (refresh) or listed in concept.yaml's omit with a reason.
      expect(kept, `concept ${name}: the generated files, less NOISE and concept.yaml's omit, differ from those in ${EXPECTED_DIR}/; ${REFRESH}`).toEqual(expected);
      const targets = new Set(kept.map(targetOf));
      expect([...targets].sort(), `concept ${name}: keep at least one file of every target`).toEqual(['cloudformation', 'docs', 'terraform']);
    });

    for (const path of paths) {
      it(path, () => {
        const file = generated().find((f) => f.path === path);
        expect(file, `concept ${name}: ${path} is expected but was not generated; ${REFRESH}`).toBeDefined();
        const want = readFileSync(join(concept.dir, EXPECTED_DIR, path));
        if (!file!.bytes.equals(want)) {
          // The text diff first (what a reviewer reads), then the bytes in case they differ only
          // in an encoding the text hides.
          const message = `concept ${name}: ${path} differs from test/concepts/${name}/${EXPECTED_DIR}/${path}; ${REFRESH}`;
          expect(file!.content, message).toBe(want.toString('utf8'));
          expect(file!.bytes.equals(want), message).toBe(true);
        }
      });
    }
  });
}
