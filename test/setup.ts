import fc from 'fast-check';

// Property tests use a fixed seed so that CI is reproducible; set FC_SEED to explore others
// (a failure prints its seed and path to replay it).
fc.configureGlobal({ seed: Number(process.env['FC_SEED'] ?? 20261126) });
