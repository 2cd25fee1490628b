import type { Document, LineCounter } from 'yaml';

/** A parsed YAML file, kept so any stage can map a JSON pointer back to its source. */
export interface SourceFile {
  /** Path relative to the library root, with forward slashes. */
  path: string;
  /** The text as parsed: decoded UTF-8 with any byte-order mark removed. */
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}
