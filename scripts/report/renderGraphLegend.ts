/** The legend under every graph: kind colours and how drafts and retired entries look. */
import { escapeHtml } from './escapeHtml';
import { kindLabel } from './renderBadges';
import { KIND_ORDER } from './collectReportData';

/** `groups`: the graph is an overview, with nodes that each stand for the other entries of a kind. */
export function renderGraphLegend(groups = false): string {
  const kinds = KIND_ORDER.map((k) => `<li><span class="swatch k-${k}" aria-hidden="true"></span>${escapeHtml(kindLabel(k))}</li>`);
  const group = groups ? '<li><span class="group" aria-hidden="true"></span>The other entries of a kind, as one (thick ring); its links are summed, with their number</li>' : '';
  return `<ul class="legend" aria-label="Legend">${kinds.join('')}${group}<li><span class="ring" aria-hidden="true"></span>Draft or in review (dashed)</li><li><span class="swatch retired" aria-hidden="true"></span>Retired (grey)</li><li>Arrows point from the entry that links to the entry linked to</li></ul>`;
}
