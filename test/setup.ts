import fc from 'fast-check';
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers/files.js';

// Property tests use a fixed seed so that CI is reproducible; set FC_SEED to explore others
// (a failure prints its seed and path to replay it).
fc.configureGlobal({ seed: Number(process.env['FC_SEED'] ?? 20261126) });

afterAll(removeTempDirs);
