/** The legend under every graph: kind colours and how drafts and retired entries look. */
import { escapeHtml } from './escapeHtml';
import { kindLabel } from './renderBadges';
import { KIND_ORDER } from './collectReportData';

export function renderGraphLegend(): string {
  const kinds = KIND_ORDER.map((k) => `<li><span class="swatch k-${k}" aria-hidden="true"></span>${escapeHtml(kindLabel(k))}</li>`);
  return `<ul class="legend" aria-label="Legend">${kinds.join('')}<li><span class="ring" aria-hidden="true"></span>Draft or in review (dashed)</li><li><span class="swatch retired" aria-hidden="true"></span>Retired (grey)</li><li>Arrows point from the entry that links to the entry linked to</li></ul>`;
}
