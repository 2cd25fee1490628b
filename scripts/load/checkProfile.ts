/**
 * The strict YAML profile for entries: plain data, nothing else. Tags
 * (`!!omap`, `!!binary`, `!local`), anchors and aliases (`&a`, `*a`), merge
 * keys (`<<:`) and keys that are not plain text are refused: editors do not
 * need them, they change what a value means in ways a reader of the file
 * cannot see, and aliases can make the data circular or exponentially
 * large. Also checked here, before the data is built: nesting depth, text
 * length, and control characters that quoted escapes (`"\0"`) can produce.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, type Node } from 'yaml';
import type { Finding } from '../core/diagnostic';
import { rangeToSpan } from '../core/locatePointer';
import { MAX_DEPTH, MAX_SCALAR_CHARS, MAX_YAML_ERRORS } from '../core/limits';
import type { SourceFile } from '../core/sourceFile';
import { describeCharacter, firstControlCharacter } from './readLibrary';

const TAG_NAMES: Record<string, string> = {
  'tag:yaml.org,2002:omap': '!!omap',
  'tag:yaml.org,2002:set': '!!set',
  'tag:yaml.org,2002:binary': '!!binary',
  'tag:yaml.org,2002:str': '!!str',
};

function shortTag(tag: string): string {
  return TAG_NAMES[tag] ?? (tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag);
}

/** The findings for everything in the file outside the profile or the limits; empty when it is plain data. Iterative, so depth cannot overflow the stack. */
export function checkProfile(file: SourceFile): Finding[] {
  const findings: Finding[] = [];
  const flag = (node: { range?: [number, number, number] | null }, rule: string, message: string, hint: string) => {
    const [start, end] = node.range ?? [0, 0];
    findings.push({ file: file.path, ...rangeToSpan(file, start, Math.max(end, start + 1)), rule, message, hint });
  };
  // %YAML 1.1 changes what values mean (030 reads as 24); %TAG renames tags. A directive sits at the start of a line.
  const directive = /^%(YAML|TAG)\b.*$/m.exec(file.text);
  if (directive) {
    flag({ range: [directive.index, directive.index + directive[0].length, 0] }, 'yaml-profile', `a %${directive[1]} directive: entries do not use directives`, `Remove the %${directive[1]} line${file.text.includes('\n---') ? ' and the --- after it' : ''}: entries are read as YAML 1.2.`);
  }
  const root = file.doc.contents as Node | null;
  const stack: { node: Node; depth: number }[] = root ? [{ node: root, depth: 0 }] : [];
  let tooDeep = false;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isAlias(node)) {
      flag(node, 'yaml-profile', `an alias (*${node.source}): entries do not use anchors and aliases`, 'Write the value out in full where it is needed.');
      continue;
    }
    if (node.anchor) flag(propertyAt(file.text, node, `&${node.anchor}`), 'yaml-profile', `an anchor (&${node.anchor}): entries do not use anchors and aliases`, `Remove "&${node.anchor}" and write values out in full.`);
    if (node.tag) flag(propertyAt(file.text, node, '!'), 'yaml-profile', `a YAML tag (${shortTag(node.tag)}): entries do not use tags`, node.tag.endsWith(':str') ? 'Quote the value instead: "…".' : 'Remove the tag and write the value as plain text, a list or a mapping.');
    if (depth > MAX_DEPTH && !tooDeep) {
      tooDeep = true;
      flag(node, 'limit', `nested ${depth} levels deep, over the limit of ${MAX_DEPTH}`, 'Flatten the structure: entries use a few levels of mappings and lists.');
    }
    if (isScalar(node)) {
      if (typeof node.value === 'string') checkText(node, node.value, flag);
      continue;
    }
    if (!isCollection(node)) continue;
    const seen = isMap(node) ? new Set<string>() : undefined;
    for (const item of node.items) {
      if (isPair(item)) {
        const key = item.key as Node | null;
        if (seen && isScalar(key)) {
          const name = String(key.value);
          if (seen.has(name)) flag(key, 'yaml-syntax', 'Map keys must be unique (DUPLICATE_KEY)', 'Each field may appear once per mapping: remove or merge the repeated key.');
          seen.add(name);
          if (typeof key.value === 'string') checkText(key, key.value, flag);
        }
        if (isMap(node) && isScalar(key) && key.value === '<<' && !key.type?.startsWith('QUOTE')) {
          flag(key, 'yaml-profile', 'a merge key (<<): entries do not merge mappings', 'Write the fields out in full in this mapping.');
        } else if (key && !isScalar(key)) {
          flag(key, 'yaml-profile', 'a key that is a list or mapping: keys are plain names', 'Use a plain name as the key.');
        } else if (key && (key.anchor || key.tag)) stack.push({ node: key, depth: depth + 1 });
        if (item.value) stack.push({ node: item.value as Node, depth: depth + 1 });
      } else if (item) stack.push({ node: item as Node, depth: depth + 1 });
    }
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  if (findings.length <= MAX_YAML_ERRORS) return findings;
  // The first few say what to fix; the rest would only repeat it.
  const kept = findings.slice(0, MAX_YAML_ERRORS);
  const last = kept[kept.length - 1];
  kept.push({ ...last, message: `and ${findings.length - MAX_YAML_ERRORS} more like these in this file`, hint: 'Fix the first ones; the rest are the same problem.' });
  return kept;
}

/**
 * Where a node's anchor or tag is written: the nearest `needle` before the
 * node's value (properties come first, `&a !!str value`), as a range for
 * `flag`. Falls back to the node when it is not found close by.
 */
function propertyAt(text: string, node: Node, needle: string): { range: [number, number, number] } {
  const start = node.range?.[0] ?? 0;
  let at = text.lastIndexOf(needle, start);
  // `!!omap`: start at the first `!` of the tag.
  while (at > 0 && needle === '!' && text[at - 1] === '!') at--;
  if (at === -1 || start - at > 1024) return { range: node.range ?? [0, 0, 0] };
  let end = at + needle.length;
  while (end < text.length && !/[\s,\[\]{}]/.test(text[end])) end++;
  return { range: [at, end, end] };
}

function checkText(node: Node, value: string, flag: (node: Node, rule: string, message: string, hint: string) => void): void {
  if (value.length > MAX_SCALAR_CHARS) {
    flag(node, 'limit', `a text of ${value.length.toLocaleString('en')} characters, over the limit of ${MAX_SCALAR_CHARS.toLocaleString('en')}`, 'Split it into sections, or into another entry linked from this one.');
  }
  const control = firstControlCharacter(value);
  if (control !== -1) flag(node, 'encoding', `a text holds ${describeCharacter(value, control)}`, 'Remove the escape that writes it (such as \\0, \\x07 or \\uD800): readers\' apps would show it as garbage.');
}
