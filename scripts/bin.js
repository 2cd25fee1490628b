#!/usr/bin/env node
'use strict';
// The `reflib` command. It runs the compiled JavaScript in lib/, which
// `npm ci` builds through the `prepare` script (`npm run compile`).
//
// In a source checkout, lib/ can be older than scripts/ while you edit: then
// it runs the TypeScript source through ts-node instead and says so, so that
// nobody measures or tests stale code. REFLIB_FROM_SOURCE=1 forces that.
const fs = require('node:fs');
const path = require('node:path');

const repo = path.join(__dirname, '..');
const stamp = path.join(repo, 'lib', '.compiled');

/** The newest modification time of a .ts file under a folder, in ms. */
function newestSource(dir) {
  let newest = 0;
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (d.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Why the compiled code cannot be used, or undefined when it can. */
function staleReason() {
  if (process.env.REFLIB_FROM_SOURCE === '1') return undefined;
  const compiled = fs.statSync(stamp, { throwIfNoEntry: false });
  if (!compiled) return 'lib/ is not compiled';
  // Only a checkout has tsconfig.build.json beside scripts/: an installed package ships lib/ alone.
  if (fs.existsSync(path.join(repo, 'tsconfig.build.json')) && newestSource(__dirname) > compiled.mtimeMs) return 'lib/ is older than scripts/';
  return undefined;
}

const reason = staleReason();
if (reason !== undefined || process.env.REFLIB_FROM_SOURCE === '1') {
  let tsNode;
  try {
    tsNode = require('ts-node');
  } catch {
    process.stderr.write(`reflib: ${reason ?? 'REFLIB_FROM_SOURCE is set'}, and ts-node is not installed to run the source.\nRun \`npm ci\` (or \`npm run compile\`) in ${repo}.\n`);
    process.exit(2);
  }
  if (reason !== undefined) process.stderr.write(`reflib: ${reason}: running the TypeScript source (slower). Run \`npm run compile\` to stop this note.\n`);
  let swc = false;
  try {
    require.resolve('@swc/core');
    swc = true;
  } catch {
    // @swc/core has no prebuilt binary for this platform: use TypeScript.
  }
  tsNode.register({ project: path.join(repo, 'tsconfig.json'), transpileOnly: true, swc });
  require('./cli').run(process.argv.slice(2));
} else {
  require('../lib/cli').run(process.argv.slice(2));
}
