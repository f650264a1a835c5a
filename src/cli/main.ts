#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { processIo } from './io.js';
import { runCli } from './run.js';

// A run is one batch job whose peak memory is what a CI runner must provide. By default V8
// lets the heap grow to several times the live data between full collections; growing it by
// at most half keeps the peak near the data (10,000 resources: ~620-760 MB -> ~505 MB;
// 50,000: 2.6 GB -> 1.7 GB), at no measurable cost in time (docs/benchmarks.md). The flag
// is read at every collection, so setting it here, before the work starts, takes effect.
setFlagsFromString('--heap-growing-percent=50');

// The AWS SDK warns on every run under Node.js 20 that its releases after January 2027 will
// need Node.js 22: nothing a user of obsgen can act on per run, printed into every CI log. The
// SDK's documented switch turns off that one warning (aws/aws-sdk-js-v3#7983); a value the
// user set is left as it is. Set here, before any command loads the SDK.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

process.exitCode = await runCli(process.argv.slice(2), processIo());
