import { LineCounter, parseDocument, type Document } from 'yaml';

/** The `yaml` options every positional parse of an entry uses. */
export const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: false, merge: false } as const;

/**
 * A YAML file's text, and its `yaml` Document and line index when a stage
 * needs positions. Most files never do: the load stage reads data with a
 * faster parser, and only a file with a finding to place is parsed again,
 * on first use of `doc` or `lineCounter`. So a library of 10,000 clean
 * entries keeps no Documents at all.
 */
export class SourceFile {
  #doc: Document.Parsed | undefined;
  #lineCounter: LineCounter | undefined;
  #memo: Map<string, unknown>;
  #learned = false;

  /**
   * @param path Path relative to the library root, with forward slashes.
   * @param text The text as parsed: decoded UTF-8 with any byte-order mark removed.
   * @param parsed The Document, when the caller has already parsed the text with YAML_OPTIONS.
   * @param plainNumbers True when every whole number in the file is written as plain decimal digits, so `String(value)` is how it was written.
   */
  constructor(
    readonly path: string,
    readonly text: string,
    parsed?: { doc: Document.Parsed; lineCounter: LineCounter },
    readonly plainNumbers = false,
    memo?: Record<string, unknown>,
  ) {
    this.#doc = parsed?.doc;
    this.#lineCounter = parsed?.lineCounter;
    this.#memo = new Map(memo ? Object.entries(memo) : []);
  }

  /**
   * A fact about this text (a span, the source of a scalar), computed once
   * per text: the content cache keeps these, so a warm run places its
   * findings without parsing the file again. Values must be JSON data.
   */
  remember<T>(key: string, compute: () => T): T {
    if (this.#memo.has(key)) return this.#memo.get(key) as T;
    const value = compute();
    this.#memo.set(key, value);
    this.#learned = true;
    return value;
  }

  /** The remembered facts, for the cache; `learned` says whether any are new since the file was made. */
  memo(): { facts: Record<string, unknown>; learned: boolean } {
    return { facts: Object.fromEntries(this.#memo), learned: this.#learned };
  }

  /** The parsed Document, parsed on first use. */
  get doc(): Document.Parsed {
    if (!this.#doc) {
      this.#lineCounter = new LineCounter();
      this.#doc = parseDocument(this.text, { ...YAML_OPTIONS, lineCounter: this.#lineCounter });
    }
    return this.#doc;
  }

  /** Offsets to line and column, built with the Document. */
  get lineCounter(): LineCounter {
    if (!this.#lineCounter) void this.doc;
    return this.#lineCounter!;
  }

  /** Whether the Document has been built (for tests, and to count positional parses). */
  get hasDocument(): boolean {
    return this.#doc !== undefined;
  }
}
