/** Diagnostics as a table: where (linked to the file and line), how severe, which rule, what is wrong and what to do. */
import type { Diagnostic } from '../core/diagnostic';
import type { PageContext } from './createPageContext';
import { escapeHtml, escapeUrl } from './escapeHtml';
import { severityBadge } from './renderBadges';

export function renderLocation(d: Pick<Diagnostic, 'file' | 'line' | 'column'>, ctx: PageContext): string {
  // Break long paths after their slashes, never inside a name.
  const where = `${d.file}:${d.line}:${d.column}`
    .split('/')
    .map((segment) => `<span class="nowrap">${escapeHtml(segment)}</span>`)
    .join('/<wbr>');
  return `<a class="loc mono" href="${escapeUrl(ctx.fileHref(d.file, d.line))}">${where}</a>`;
}

export function renderRule(rule: string, ctx: PageContext): string {
  const href = ctx.ruleHref(rule);
  return href ? `<a class="mono rule" href="${escapeUrl(href)}">${escapeHtml(rule)}</a>` : `<span class="mono rule">${escapeHtml(rule)}</span>`;
}

/** Every diagnostic in a table; `caption` says what the table holds. */
export function renderDiagnosticsTable(diagnostics: readonly Diagnostic[], ctx: PageContext, caption: string): string {
  const rows = diagnostics.map((d) => {
    const related = (d.related ?? []).map((r) => `<span class="hint">See ${renderLocation(r, ctx)}: ${escapeHtml(r.message)}</span>`).join('');
    const hint = d.hint ? `<span class="hint">${escapeHtml(d.hint)}</span>` : '';
    return `<tr><td>${renderLocation(d, ctx)}</td><td>${severityBadge(d.severity)}</td><td>${renderRule(d.rule, ctx)}</td><td>${escapeHtml(d.message)}${hint}${related}</td></tr>`;
  });
  return `<div class="table-wrap"><table class="diagnostics">
<caption>${escapeHtml(caption)}</caption>
<colgroup><col class="c-loc"><col class="c-sev"><col class="c-rule"><col></colgroup>
<thead><tr><th scope="col">Location</th><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Message</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}
