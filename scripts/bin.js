#!/usr/bin/env node
'use strict';
// Scripts run from TypeScript source through ts-node in transpile-only mode;
// type-checking is a separate step (tsc --noEmit) in the test command.
// swc transpiles about five times faster than TypeScript's own transpiler,
// which keeps start-up well under a second; without it we fall back.
const path = require('node:path');
let swc = false;
try {
  require.resolve('@swc/core');
  swc = true;
} catch {
  // @swc/core has no prebuilt binary for this platform: use TypeScript.
}
require('ts-node').register({
  project: path.join(__dirname, '..', 'tsconfig.json'),
  transpileOnly: true,
  swc,
});
require('./cli').run(process.argv.slice(2));
