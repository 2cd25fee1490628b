'use strict';
/**
 * Bundles the bundle client (scripts/client/index.ts) into one ES module for
 * browsers, lib/browser/client.mjs, with a source map, and fails when the
 * client is not self-contained: every file it pulls in must be reflib's own
 * source under scripts/, never a Node builtin (platform browser cannot
 * resolve those), an npm package, or a Node global such as Buffer or process.
 *
 * Run after tsc, by `npm run compile`:
 *   node tools/build/bundleClient.js [--entry FILE] [--out FILE] [--root DIR]
 * (the options exist for the tests, which bundle fixtures).
 */
const path = require('node:path');
const fs = require('node:fs');
const esbuild = require('esbuild');
const { writeGenerated } = require('./writeGenerated');

const REPO = path.resolve(__dirname, '../..');
const PACKAGE = require(path.join(REPO, 'package.json'));

/** Globals Node has and browsers lack. A `typeof x` test of them is fine; any other use is not. */
const NODE_GLOBALS = ['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate'];
const MARK = (name) => `__reflib_node_global_${name}__`;

/**
 * @typedef {{ entry: string, out: string, root: string }} BundleOptions
 * absolute paths: the client's entry module, the bundle to write, and the
 * folder every bundled file must lie in
 */

/** @param {string} p */
const rel = (p) => {
  const r = path.relative(REPO, path.resolve(REPO, p));
  return r.startsWith('..') || path.isAbsolute(r) ? path.resolve(REPO, p) : r.split(path.sep).join('/') || '.';
};

/**
 * Where the bundle's own files reach outside `root`: one line per import that
 * crosses the boundary (what lies beyond it, e.g. all of axios, is not listed).
 * @param {import('esbuild').Metafile} metafile
 * @param {string} root
 * @returns {string[]}
 */
function foreignInputs(metafile, root) {
  const own = (input) => {
    const abs = path.resolve(REPO, input);
    const fromRoot = path.relative(root, abs);
    return !fromRoot.startsWith('..') && !path.isAbsolute(fromRoot) && !abs.split(path.sep).includes('node_modules');
  };
  const problems = [];
  for (const [input, info] of Object.entries(metafile.inputs)) {
    if (!own(input)) continue;
    for (const imp of info.imports) {
      if (imp.external) problems.push(`${rel(input)} imports "${imp.original ?? imp.path}", which stays outside the bundle`);
      else if (!own(imp.path)) {
        const what = path.resolve(REPO, imp.path).split(path.sep).includes('node_modules') ? 'an npm package' : `a file outside ${rel(root)}/`;
        problems.push(`${rel(input)} imports "${imp.original ?? imp.path}" (${rel(imp.path)}): ${what}`);
      }
    }
  }
  return [...new Set(problems)];
}

/**
 * Uses of Node globals left in the bundle (each was renamed to a marker by `define`).
 * @param {string} code
 * @returns {string[]}
 */
function nodeGlobalUses(code) {
  return NODE_GLOBALS.filter((name) => new RegExp(`(?<!typeof )${MARK(name)}`).test(code)).map((name) => `the client uses the Node global \`${name}\``);
}

/**
 * Bundles the client. Writes the bundle, its map and a .d.mts beside it only when it is self-contained.
 * @param {BundleOptions} options
 * @returns {Promise<{ ok: true, files: string[] } | { ok: false, problems: string[] }>}
 */
async function bundleClient({ entry, out, root }) {
  let result;
  try {
    result = await esbuild.build({
      entryPoints: [entry],
      outfile: out,
      absWorkingDir: REPO,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: false,
      sourcemap: true,
      metafile: true,
      write: false,
      logLevel: 'silent',
      legalComments: 'none',
      define: Object.fromEntries(NODE_GLOBALS.map((name) => [name, MARK(name)])),
      banner: { js: `/*! ${PACKAGE.name} ${PACKAGE.version}: the bundle client (${PACKAGE.name}/client) for browsers, one self-contained ES module. */` },
    });
  } catch (error) {
    if (!error || !Array.isArray(error.errors)) throw error;
    const problems = error.errors.map((e) => {
      const where = e.location ? `${rel(e.location.file)}:${e.location.line}:${e.location.column + 1}: ` : '';
      const node = /node:|built into node/.test(`${e.text} ${e.notes.map((n) => n.text).join(' ')}`) ? ' (a Node builtin: browsers have none)' : '';
      return `${where}${e.text}${node}`;
    });
    return { ok: false, problems };
  }
  const js = result.outputFiles.find((f) => f.path.endsWith('.mjs'));
  // Node globals are looked for once the inputs are clean: an npm package brings its own, which would only add noise.
  const foreign = foreignInputs(result.metafile, root);
  const problems = foreign.length ? foreign : nodeGlobalUses(js.text);
  if (problems.length) return { ok: false, problems };
  for (const f of result.outputFiles) writeGenerated(f.path, f.contents);
  // The bundle has the CommonJS build's API, so it has its types: TypeScript finds them beside the .mjs.
  const typesOf = path.relative(path.dirname(out), path.join(REPO, 'lib/client/index.js')).split(path.sep).join('/');
  const dmts = out.replace(/\.mjs$/, '.d.mts');
  writeGenerated(dmts, `// Generated by tools/build/bundleClient.js: the types of ${PACKAGE.name}/client/browser.\nexport * from '${typesOf.startsWith('.') ? typesOf : `./${typesOf}`}';\n`);
  return { ok: true, files: [...result.outputFiles.map((f) => f.path), dmts] };
}

/** @param {string[]} argv */
function parseArgs(argv) {
  const options = {
    entry: path.join(REPO, 'scripts/client/index.ts'),
    out: path.join(REPO, 'lib/browser/client.mjs'),
    root: path.join(REPO, 'scripts'),
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = { '--entry': 'entry', '--out': 'out', '--root': 'root' }[argv[i]];
    if (!key || argv[i + 1] === undefined) throw new Error(`usage: bundleClient.js [--entry FILE] [--out FILE] [--root DIR], not ${argv.slice(i).join(' ')}`);
    options[key] = path.resolve(argv[i + 1]);
  }
  return options;
}

if (require.main === module) {
  const options = parseArgs(process.argv.slice(2));
  bundleClient(options).then(
    (r) => {
      if (r.ok) return;
      // A stale bundle must not survive a failed build and ship.
      for (const f of [options.out, `${options.out}.map`]) fs.rmSync(f, { force: true });
      process.stderr.write(
        `bundleClient: the browser client must be self-contained (only files under ${rel(options.root)}/: no Node builtins, npm packages or Node globals), but:\n` +
          r.problems.map((p) => `  - ${p}\n`).join('') +
          `Nothing was written to ${rel(options.out)}.\n`,
      );
      process.exit(1);
    },
    (error) => {
      process.stderr.write(`bundleClient: ${error instanceof Error ? error.stack : error}\n`);
      process.exit(1);
    },
  );
}

module.exports = { bundleClient, foreignInputs, nodeGlobalUses };
