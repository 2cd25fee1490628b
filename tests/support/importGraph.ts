/**
 * Reads the relative imports of the TypeScript and JavaScript files under a
 * folder and reduces them to edges between its top-level folders, for the
 * layering test.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** An import from one file to another, both relative to the scanned folder. */
export interface ImportEdge {
  from: string;
  to: string;
}

// import … from '…', export … from '…', import '…', import('…'), require('…'), with any quote.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"`])([^'"`]+)\1/g;
// Comments: a block comment, or a line comment that starts a line (so `https://` in a string stays).
const COMMENT = /\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm;

function listCode(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) listCode(full, out);
    else if (/\.(ts|tsx|js|mjs|cjs|mts|cts)$/.test(name)) out.push(full);
  }
  return out;
}

function resolveFile(spec: string): string {
  for (const candidate of [spec, `${spec}.ts`, `${spec}.js`, path.join(spec, 'index.ts'), path.join(spec, 'index.js')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return spec;
}

/** Every relative import under `root`, with paths relative to `root` (forward slashes). */
export function readImports(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  for (const file of listCode(root)) {
    const text = readFileSync(file, 'utf8').replace(COMMENT, '');
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[2];
      if (!spec.startsWith('.')) continue;
      edges.push({ from: rel(file), to: rel(resolveFile(path.resolve(path.dirname(file), spec))) });
    }
  }
  return edges;
}

/** The top-level folder of a path under the scanned folder; files at the top belong to `(top)`, anything outside to `(outside)`. */
export function folderOf(file: string): string {
  if (file.startsWith('../')) return '(outside)';
  const slash = file.indexOf('/');
  return slash === -1 ? '(top)' : file.slice(0, slash);
}

/** Cycles between folders: each strongly connected set of two or more folders, sorted (Tarjan's algorithm). */
export function folderCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    if (!next.has(a)) next.set(a, new Set());
    if (!next.has(b)) next.set(b, new Set());
    if (a !== b) next.get(a)!.add(b);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const set: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        set.push(w);
      } while (w !== v);
      if (set.length > 1) cycles.push(set.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/**
 * Imports that go against `order` (lowest layer first): a file may import
 * its own folder and folders listed before it, nothing else. A folder that
 * `order` does not list is a violation too, so a new folder must be placed.
 */
export function layerViolations(edges: readonly ImportEdge[], order: readonly string[]): string[] {
  const rank = new Map(order.map((f, i) => [f, i]));
  const out: string[] = [];
  for (const e of edges) {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    // Imports that leave the folder (package.json, tooling) are judged separately.
    if (a === b || b === '(outside)') continue;
    if (!rank.has(a)) out.push(`${e.from}: folder ${a} has no place in the layer order`);
    else if (!rank.has(b)) out.push(`${e.from} imports ${e.to}: ${b} has no place in the layer order`);
    else if (rank.get(b)! > rank.get(a)!) out.push(`${e.from} imports ${e.to}: ${a} may not import ${b}, a higher layer`);
  }
  return [...new Set(out)].sort();
}
