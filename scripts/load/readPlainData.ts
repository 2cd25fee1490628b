/**
 * The fast path of parsing: js-yaml's event parser reads an entry's data
 * about six times faster than building a `yaml` Document, but keeps no
 * positions and reports problems as exceptions. So it is used only to say
 * "this file is plain data within the profile, and here it is". Anything
 * else (a syntax error, a tag, an anchor or alias, a directive, a complex or
 * merge key, a duplicate key, deep nesting, a long text, an escape) returns
 * undefined, and parseEntry reads the file with `yaml`, which says exactly
 * what is wrong and where. tests/load/readPlainData.test.ts checks that the
 * two agree on every real, generated and hostile entry.
 */
import { constructFromEvents, CORE_SCHEMA, EVENT_ID, parseEvents, SCALAR_STYLE, type Event } from 'js-yaml';
import { MAX_DEPTH, MAX_SCALAR_CHARS } from '../core/limits';
import { firstControlCharacter } from './readLibrary';

// YAML 1.2 core schema numbers (what CORE_SCHEMA resolves), and the one way of writing them that needs no source to show.
const NUMBER = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const PLAIN_DIGITS = /^(?:0|[1-9][0-9]{0,14})$/; // longer ones print differently (1e+21)
const MAY_BE_NUMBER = /[-+.0-9]/;
// YAML 1.2 core null: as a key, `yaml` and js-yaml name it differently ("" and "null").
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const LONE_CR = /\r(?!\n)/;
const TAB_INDENT = /^ *\t/m;
/** yaml refuses an implicit key longer than this (KEY_OVER_1024_CHARS); js-yaml does not. */
const MAX_IMPLICIT_KEY = 1024;
const INF_OR_NAN = /\.(?:inf|Inf|INF|nan|NaN|NAN)$/;

/** The number `yaml` reads from core-schema number text: js-yaml leaves too-large ones as text, `yaml` makes them Infinity. */
function yamlNumber(written: string): number {
  if (written.startsWith('0o')) return parseInt(written.slice(2), 8);
  if (written.startsWith('0x')) return parseInt(written.slice(2), 16);
  return parseFloat(written);
}

interface Scan {
  plain: boolean;
  /** Every whole number is written as plain digits (see SourceFile.plainNumbers). */
  plainNumbers: boolean;
}

/** Whether the events are one document of plain data within the profile's limits. */
function scan(events: readonly Event[], text: string): Scan {
  const no = { plain: false, plainNumbers: false };
  let plainNumbers = true;
  // A stack of open collections: for a mapping, how many nodes it has had (even = a key comes next).
  const counts: number[] = [];
  const isMapping: boolean[] = [];
  let documents = 0;
  for (const event of events) {
    const top = counts.length - 1;
    const keyPosition = top >= 0 && isMapping[top] && counts[top] % 2 === 0;
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        if (++documents > 1 || event.directives.length > 0) return no;
        break;
      case EVENT_ID.POP:
        counts.pop();
        isMapping.pop();
        break;
      case EVENT_ID.ALIAS:
        return no;
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING:
        if (event.anchorStart !== -1 || event.tagStart !== -1 || keyPosition || counts.length >= MAX_DEPTH) return no;
        if (top >= 0) counts[top]++;
        counts.push(0);
        isMapping.push(event.type === EVENT_ID.MAPPING);
        break;
      case EVENT_ID.SCALAR: {
        if (event.anchorStart !== -1 || event.tagStart !== -1) return no;
        if (event.valueEnd - event.valueStart > MAX_SCALAR_CHARS) return no;
        // An escape can write a control character the file itself does not hold.
        if (event.style === SCALAR_STYLE.DOUBLE_QUOTED && text.lastIndexOf('\\', event.valueEnd) >= event.valueStart) return no;
        if (keyPosition && event.valueEnd - event.valueStart > MAX_IMPLICIT_KEY) return no;
        if (keyPosition && event.style === SCALAR_STYLE.PLAIN) {
          const key = text.slice(event.valueStart, event.valueEnd);
          if (key === '<<' || NULL.test(key)) return no;
        }
        if (event.style === SCALAR_STYLE.PLAIN && event.valueEnd > event.valueStart && MAY_BE_NUMBER.test(text[event.valueStart])) {
          const written = text.slice(event.valueStart, event.valueEnd);
          if (NUMBER.test(written) && !PLAIN_DIGITS.test(written)) {
            const value = yamlNumber(written);
            // Infinity, NaN and -0 do not survive JSON (the cache, workers): the full parser reads such files, every time.
            if (INF_OR_NAN.test(written) || !Number.isFinite(value) || Object.is(value, -0)) return no;
            // 1.5 is written the one way a fraction can be; 2.0152124e7 or 033260549 is a whole number written oddly.
            if (Number.isInteger(value)) plainNumbers = false;
          }
        }
        if (top >= 0) counts[top]++;
        break;
      }
    }
  }
  return documents === 1 ? { plain: true, plainNumbers } : no;
}

/**
 * The data of an entry file that is plain YAML data within the profile, or
 * undefined when the file needs the full parser to explain it (see above).
 * `text` has no byte-order mark.
 */
export function readPlainData(text: string): { data: unknown; plainNumbers: boolean } | undefined {
  // readLibrary refuses these already; checked again so that parsing stays a pure function of the text.
  if (firstControlCharacter(text) !== -1) return undefined;
  // Where the two parsers differ: a carriage return without a line feed (a line break to js-yaml, not to yaml),
  // and a tab in a line's indentation (yaml refuses some that js-yaml accepts). The full parser decides.
  if (LONE_CR.test(text) || TAB_INDENT.test(text)) return undefined;
  try {
    // One level of slack: the depth check above says which file is too deep, the full parser says where.
    const events = parseEvents(text, { maxDepth: MAX_DEPTH + 1 });
    const { plain, plainNumbers } = scan(events, text);
    if (!plain) return undefined;
    const [data] = constructFromEvents(events, { source: text, schema: CORE_SCHEMA, maxAliases: 0 });
    return { data, plainNumbers };
  } catch {
    // Any failure, a duplicate key or a stack overflow included, goes to the full parser.
    return undefined;
  }
}

/**
 * How deep the full parser may be asked to go. `yaml` composes nested
 * collections recursively and gives up where the stack runs out, which
 * depends on how deep the caller already is: so its findings for a file
 * nested thousands deep would change from run to run. Past this depth the
 * file gets one finding of ours instead, at the first collection too deep.
 */
export const MAX_READ_DEPTH = 128;

/** The offset of the first collection nested deeper than MAX_READ_DEPTH, or undefined. */
export function findExcessiveNesting(text: string): number | undefined {
  try {
    parseEvents(text, { maxDepth: MAX_READ_DEPTH });
  } catch (err) {
    const e = err as { reason?: unknown; mark?: { position?: unknown } };
    if (typeof e.reason === 'string' && e.reason.includes('maxDepth') && typeof e.mark?.position === 'number') return e.mark.position;
  }
  return undefined;
}
