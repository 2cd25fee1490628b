/** Where things are, seen from one page of the report: other entries, source files, rule docs. */
import type { ReportData } from './collectReportData';
import { encodePath } from './escapeHtml';
import type { LinkResolver } from './renderProse';

export interface PageContext {
  data: ReportData;
  /** 0 for pages in the report folder, 1 for entries/<id>.html. */
  depth: number;
  /** From this page to the report folder: `` or `../`. */
  up: string;
  /** Inline links and link fields. */
  links: LinkResolver;
  /** The page of an entry, relative to this page. */
  entryHref(id: string): string | undefined;
  /** A source file (root-relative path), at a line when given: `../../entries/topics/x.yaml#L12`. */
  fileHref(file: string, line?: number): string;
  /** The rule's documentation page, when the root has one. */
  ruleHref(rule: string): string | undefined;
}

export function createPageContext(data: ReportData, depth: number): PageContext {
  const up = '../'.repeat(depth);
  const toRoot = `${up}${data.rootHref === '.' ? '' : `${data.rootHref}/`}`;
  const entryHref = (id: string) => (data.byId.has(id) ? (depth === 1 ? `${id}.html` : `${up}entries/${id}.html`) : undefined);
  return {
    data,
    depth,
    up,
    links: { href: entryHref, title: (id) => data.byId.get(id)?.title },
    entryHref,
    fileHref: (file, line) => `${toRoot}${encodePath(file)}${line ? `#L${line}` : ''}`,
    ruleHref: (rule) => (data.documentedRules.has(rule) ? `${toRoot}docs/rules/${encodePath(rule)}.md` : undefined),
  };
}
