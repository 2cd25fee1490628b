/**
 * The page frame every report page shares: doctype, language, a strict
 * content security policy (no scripts, nothing fetched from anywhere), the
 * inline stylesheet, the site header and one main landmark.
 */
import { escapeHtml } from './escapeHtml';

export const GENERATOR = 'reflib report';

export interface PageOptions {
  /** The page's own title (its h1 says the same). */
  title: string;
  /** 0 for pages in the report folder, 1 for entries/<id>.html. */
  depth: number;
  current: 'dashboard' | 'graph' | 'entry';
  body: string;
}

const CSS = `
:root{--ink:#1f2937;--muted:#5b6472;--line:#e3e7ee;--bg:#f5f6f8;--card:#fff;--accent:#1d4ed8;
--k-topic:#1d4ed8;--k-form-comparison:#7e22ce;--k-interaction:#c2410c;--k-population-caution:#b91c1c;--k-misconception:#047857;--k-unknown:#4b5563;
--edge:#a3adbb;--edge-hot:#0f172a}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans","DejaVu Sans",Arial,sans-serif;color:var(--ink);background:var(--bg);line-height:1.55;font-size:15px;-webkit-text-size-adjust:100%}
body{margin:0}
a{color:var(--accent);text-underline-offset:2px}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
.skip{position:absolute;left:-9999px;top:8px;background:#fff;padding:8px 12px;border-radius:6px;z-index:2}
.skip:focus{left:8px}
.site{background:#0f172a;color:#e2e8f0}
.site .inner{max-width:1180px;margin:0 auto;padding:0 24px;display:flex;align-items:center;gap:28px;min-height:52px}
.brand{font-weight:650;letter-spacing:.01em;color:#fff}
.brand span{color:#93c5fd;font-weight:500}
.site nav{display:flex;gap:20px}
.site nav a{color:#cbd5e1;text-decoration:none;padding:15px 0 13px;border-bottom:2px solid transparent}
.site nav a:hover{color:#fff}
.site nav a[aria-current=page]{color:#fff;border-bottom-color:#60a5fa}
main{max-width:1180px;margin:0 auto;padding:20px 24px 48px}
h1{font-size:28px;line-height:1.25;margin:6px 0 8px;letter-spacing:-.01em}
h2{font-size:19px;line-height:1.3;margin:0 0 12px}
h3{font-size:15.5px;margin:20px 0 8px}
section>h3:first-of-type,.card>h3:first-child{margin-top:6px}
p{margin:0 0 10px}
.lede{color:var(--muted);max-width:80ch;font-size:16px}
.crumbs{font-size:13.5px;color:var(--muted);margin-top:4px}
.crumbs a{color:var(--muted)}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:20px 24px;margin:18px 0;box-shadow:0 1px 2px rgba(15,23,42,.04)}
.toc{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:14px;margin:8px 0 4px;padding:0;list-style:none}
.metrics{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:18px 0;padding:0;list-style:none}
.metric{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 16px}
.metric .value{display:block;font-size:26px;font-weight:650;line-height:1.2;font-variant-numeric:tabular-nums}
.metric .label{display:block;color:var(--muted);font-size:13px}
.metric.bad .value{color:#b91c1c}.metric.warn .value{color:#b45309}.metric.good .value{color:#047857}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:14px}
caption{text-align:left;color:var(--muted);font-size:13px;padding:0 0 6px}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}
thead th{font-weight:600;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.05em;background:#f8fafc;border-bottom-color:#d5dbe4}
tbody tr:hover{background:#fafbfd}
.num{text-align:right;font-variant-numeric:tabular-nums}
td.zero{color:#b8bfca}
tfoot td,tfoot th{font-weight:650;border-bottom:none}
.badge{display:inline-block;padding:0 8px;border-radius:999px;font-size:12px;font-weight:600;line-height:20px;border:1px solid transparent;white-space:nowrap;vertical-align:1px}
.b-good{background:#e7f6ee;color:#05603a;border-color:#b7e4cb}
.b-info{background:#e8f0fe;color:#1e429f;border-color:#c3d5fb}
.b-warn{background:#fff4e5;color:#8a4b00;border-color:#fbd7a1}
.b-bad{background:#fde8e8;color:#9b1c1c;border-color:#f5bcbc}
.b-muted{background:#f1f3f6;color:#4b5563;border-color:#dfe3ea}
.badges{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0}
.kind{white-space:nowrap;font-size:13.5px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:6px;background:var(--kc,var(--k-unknown));vertical-align:0}
.k-topic{--kc:var(--k-topic)}.k-form-comparison{--kc:var(--k-form-comparison)}.k-interaction{--kc:var(--k-interaction)}.k-population-caution{--kc:var(--k-population-caution)}.k-misconception{--kc:var(--k-misconception)}.k-unknown{--kc:var(--k-unknown)}
.meta{display:flex;flex-wrap:wrap;align-items:center;gap:8px 14px;color:var(--muted);font-size:14px;margin:6px 0 14px}
code,.mono{font-family:ui-monospace,"SFMono-Regular","DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace;font-size:.88em}
.callout{border:1px solid;border-left-width:5px;border-radius:8px;padding:14px 18px;margin:16px 0}
.callout h2{font-size:16.5px;margin-bottom:8px}
.callout p:last-child,.callout ul:last-child{margin-bottom:0}
.callout.funding{background:#fff8eb;border-color:#f4c77d;border-left-color:#d97706}
.callout.danger{background:#fdf0f0;border-color:#f1b9b9;border-left-color:#dc2626}
.callout.note{background:#eef2ff;border-color:#c7d2fe;border-left-color:#4f46e5}
.callout.ok{background:#effaf4;border-color:#bfe6cf;border-left-color:#059669}
.callout ul{margin:6px 0 0;padding-left:20px}
.summary{font-size:17px;max-width:80ch}
.prose{max-width:80ch}
.cites{font-size:12px;color:var(--muted);white-space:nowrap}
.cites a{text-decoration:none}
.xref{font-weight:500}
.xref-broken{color:#9b1c1c;text-decoration:underline wavy #f87171}
dl.fields{display:grid;grid-template-columns:minmax(120px,190px) 1fr;gap:6px 18px;margin:8px 0}
dl.fields dt{color:var(--muted);font-weight:600;font-size:13.5px}
dl.fields dd{margin:0}
dl.fields dd p{margin:0 0 6px}
.item{border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:10px 0;background:#fcfcfd}
.item h3{margin:0 0 6px}
.limit{background:#fff8eb;border-radius:6px;padding:8px 12px;margin:8px 0 0;font-size:14px}
.limit strong{color:#8a4b00}
blockquote.claim{margin:8px 0 12px;padding:10px 16px;border-left:4px solid #cbd5e1;background:#f8fafc;font-style:italic;max-width:80ch}
ul.plain{list-style:none;padding:0;margin:6px 0}
ul.plain li{margin:4px 0}
ul.chips{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:6px}
ul.chips li{background:#f1f5f9;border:1px solid #e2e8f0;border-radius:6px;padding:0 8px;font-size:13px}
ol.refs{padding-left:26px}
ol.refs>li{margin:0 0 16px;padding-left:4px}
ol.refs .citation{margin:0 0 4px}
.small{font-size:13px;color:var(--muted)}
.hint{display:block;color:var(--muted);font-size:13px;margin-top:2px}
.loc{overflow-wrap:normal}
.rule,.nowrap{white-space:nowrap}
table.diagnostics .c-loc{width:32%}table.diagnostics .c-sev{width:96px}table.diagnostics .c-rule{width:150px}
.cited-as{margin:0 0 6px}.cited-as:last-child{margin:0}
figure{margin:0}
figcaption{color:var(--muted);font-size:13.5px;margin:6px 0 0}
.graph-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:8px;background:#fff;padding:8px}
svg.rg{display:block;max-width:100%;height:auto;margin:0 auto;font-family:inherit}
.rg .edge{color:var(--edge);transition:opacity .12s}
.rg .edge path{fill:none;stroke:currentColor;stroke-width:1.2;stroke-opacity:.8}
.rg .edge polygon{fill:currentColor}
.rg .node{transition:opacity .12s}
.rg .node circle{fill:var(--kc);stroke:#fff;stroke-width:2}
.rg .node rect{fill:#fff;stroke:var(--kc);stroke-width:1.8}
.rg .hub-label{font-size:12.5px;font-weight:600;fill:#0f172a}
.rg .dot-label{font-size:12px;fill:#1f2937;paint-order:stroke;stroke:#fff;stroke-width:3.5px;stroke-linejoin:round}
.rg a.node:hover .dot-label,.rg a.node:hover .hub-label{fill:var(--accent);text-decoration:underline}
.rg a.node:hover rect{stroke-width:3}
.rg a.node:focus{outline:none}
.rg a.node:focus-visible rect,.rg a.node:focus-visible circle{stroke:#0f172a;stroke-width:3}
.rg .s-draft circle,.rg .s-review circle{fill:#fff;stroke:var(--kc);stroke-dasharray:3 2}
.rg .s-draft rect,.rg .s-review rect{stroke-dasharray:5 3}
.rg .s-retired{--kc:#9ca3af}
.rg .s-group circle{fill:#fff;stroke:var(--kc);stroke-width:4}
.rg .s-group rect{stroke-width:4}
.rg .s-retired text{fill:#6b7280;font-style:italic}
.rg.has-focus .dim{opacity:.16}
.rg .edge.hot{color:var(--edge-hot)}
.rg .edge.hot path{stroke-width:2;stroke-opacity:1}
.rg .node.focus rect{fill:#eef4ff;stroke-width:3.5}
.rg .node.focus circle{stroke:#0f172a;stroke-width:2.5}
.rg .node.focus text{font-weight:700}
ul.legend{list-style:none;padding:0;margin:10px 0 0;display:flex;flex-wrap:wrap;gap:6px 18px;font-size:13.5px;color:var(--muted)}
.swatch.retired{--kc:#9ca3af}
.legend .group{display:inline-block;width:10px;height:10px;border-radius:50%;border:3px solid #6b7280;margin-right:6px;vertical-align:0}
.legend .ring{display:inline-block;width:10px;height:10px;border-radius:50%;border:2px dashed #6b7280;margin-right:6px;vertical-align:0}
footer.foot{max-width:1180px;margin:0 auto;padding:0 24px 32px;color:var(--muted);font-size:13px}
@media (max-width:700px){main{padding:16px}.card{padding:16px}dl.fields{grid-template-columns:1fr}h1{font-size:24px}}
@media print{.site,.skip{display:none}.card{box-shadow:none;break-inside:avoid}}
`.trim();

/** A complete HTML document. */
export function renderPage(page: PageOptions): string {
  const up = '../'.repeat(page.depth);
  const nav = (href: string, label: string, here: boolean) => `<a href="${up}${href}"${here ? ' aria-current="page"' : ''}>${label}</a>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="${GENERATOR}">
<title>${escapeHtml(page.title)} · reflib QA report</title>
<style>
${CSS}
</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><div class="inner"><span class="brand">reflib <span>QA report</span></span><nav aria-label="Report">${nav('index.html', 'Dashboard', page.current === 'dashboard')}${nav('graph.html', 'Link graph', page.current === 'graph')}</nav></div></header>
<main id="main">
${page.body}
</main>
<footer class="foot">Made by <code>reflib report</code> from the entries under <code>entries/</code>, for reviewers. Readers see entries through the apps, not this report.</footer>
</body>
</html>
`;
}
