/**
 * Renders a bundle entry (docs/bundle-format.md) as a reader sees it.
 *
 * Entries are untrusted content: every piece of text from the bundle goes
 * into the page as a text node (`append(string)`) or an attribute set with
 * setAttribute, never as markup, and only http(s) URLs become links.
 */

/** An entry ID as the bundle writes it. */
export const ENTRY_ID = /^[0-9a-f]{8}$/;
/** Inline links in prose: `[[id]]` or `[[id|label]]` (as the build reads them). */
const INLINE = /\[\[([^\]|\n]*)(?:\|([^\]\n]*))?\]\]/g;

/** The kinds, in the order a list shows them, with their names for readers. */
export const KINDS = {
  topic: ['Topic', 'Topics'],
  'form-comparison': ['Form comparison', 'Form comparisons'],
  interaction: ['Interaction', 'Interactions'],
  'population-caution': ['Population caution', 'Population cautions'],
  misconception: ['Misconception', 'Misconceptions'],
};

/** What each `verification` value says, and no more: [badge, sentence]. */
const VERIFICATION = {
  verified: ['Verified', 'Verified against PubMed: the record was fetched from PubMed and matches this citation.'],
  imported: ['Imported', 'Checked against a saved copy of the PubMed record, not fetched from PubMed by the library.'],
  transcribed: ['Transcribed', 'Copied by hand from a named page; not fetched from PubMed.'],
  // Older bundles only: a person's check that the library no longer vouches for as a PubMed check.
  'hand-checked': ['Entered by hand', 'Entered by hand by an editor; not fetched from PubMed.'],
  corroborated: ['Corroborated only', 'Not checked on PubMed: this citation has only been seen where other sources cite the paper.'],
  unverified: ['Unverified', 'Not verified: this citation has not been checked against PubMed.'],
  mismatched: ['Does not match PubMed', "PubMed's record disagrees with this citation (author, year, journal or title)."],
  'not-found': ['Not on PubMed', 'PubMed has no record with this ID.'],
};

const NOTICE_NAMES = { retraction: 'Retraction', erratum: 'Erratum', 'expression-of-concern': 'Expression of concern' };
const CAVEAT_NAMES = { funding: 'Funding and conflicts of interest', safety: 'Safety', evidence: 'Limits of the evidence' };

/**
 * Makes an element. Attributes are set with setAttribute (skipped when
 * undefined, null or false); children are nodes or strings, and strings
 * become text nodes.
 */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child !== undefined && child !== null && child !== false) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** A link to an outside page, or just the text when the URL is not http(s). */
export function externalLink(url, text) {
  let safe;
  try {
    safe = ['http:', 'https:'].includes(new URL(url).protocol) ? url : undefined;
  } catch {
    safe = undefined;
  }
  return safe ? h('a', { href: safe, rel: 'noopener noreferrer' }, text) : h('span', {}, text);
}

const str = (value) => (typeof value === 'string' ? value : undefined);
const list = (value) => (Array.isArray(value) ? value : []);
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A link to a page the editors read, shown by its host (`pmc.ncbi.nlm.nih.gov`);
 * the full address is the link's tooltip. A URL that is not http(s) is shown
 * as plain text, in full, and never becomes a link.
 */
function pageLink(url) {
  const text = str(url) ?? '';
  let host;
  try {
    const parsed = new URL(text);
    host = ['http:', 'https:'].includes(parsed.protocol) ? parsed.host : undefined;
  } catch {
    host = undefined;
  }
  const node = externalLink(text, host || text || 'an unnamed page');
  if (host) node.setAttribute('title', text);
  return node;
}

/** Where and when something was read: `<link> on 2026-12-06 (the note)`. */
function pageRead(page) {
  if (!isObject(page)) return ['an unnamed page'];
  return [pageLink(page.url), ` on ${str(page.accessed) ?? 'an unknown date'}`, str(page.note) ? ` (${page.note})` : ''];
}

/** Several pages read: `<link> on …; <link> on …`. */
function pagesRead(pages) {
  return pages.flatMap((page, i) => (i ? ['; ', ...pageRead(page)] : pageRead(page)));
}

/**
 * Renders an entry into an array of nodes. `ctx` tells it about the rest of
 * the library: `href(id)` for a link to another entry, `title(id)` for the
 * text of a link without a label.
 */
export function renderEntry(entry, ctx) {
  const refs = list(entry.references);
  const numbers = new Map(refs.map((ref, i) => [ref && ref.key, i + 1]));
  const c = { ...ctx, numbers };
  const [kindName] = KINDS[entry.kind] ?? [String(entry.kind)];
  const out = [
    h('h1', { tabindex: '-1' }, str(entry.title) ?? String(entry.id)),
    h('p', { class: 'meta' }, h('span', { class: 'kind' }, kindName), entry.updated ? ` · Updated ${entry.updated}` : '', tagsText(entry.tags)),
    str(entry.summary) ? h('p', { class: 'summary' }, inline(entry.summary, c)) : null,
    ...(BODIES[entry.kind] ?? (() => []))(entry, c),
    caveats(entry.caveats, c),
    linkList('See also', entry.related, c),
    editorialFigures(entry.editorial_figures),
    references(refs),
  ];
  return out.filter(Boolean);
}

function tagsText(tags) {
  const all = tags && typeof tags === 'object' ? Object.values(tags).flatMap(list).filter((t) => typeof t === 'string') : [];
  return all.length ? ` · ${all.join(', ')}` : '';
}

/** Text with its inline links as links to the entries (the label, or the target's title). */
export function inline(value, ctx) {
  const text = String(value);
  const nodes = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    nodes.push(text.slice(at, m.index));
    const id = m[1].trim();
    const label = m[2] === undefined ? undefined : m[2].trim();
    const title = ENTRY_ID.test(id) ? ctx.title(id) : undefined;
    nodes.push(ENTRY_ID.test(id) ? h('a', { class: 'xref', href: ctx.href(id), 'data-entry': id }, label || title || id) : h('span', { class: 'xref-broken' }, label || m[0]));
    at = m.index + m[0].length;
  }
  nodes.push(text.slice(at));
  return nodes;
}

/** Prose: paragraphs at blank lines, line breaks kept within them. */
function prose(text, ctx, cite) {
  const paragraphs = String(text).trim().split(/\n\s*\n/);
  return paragraphs.map((p, i) => h('p', {}, p.split('\n').flatMap((line, j) => (j ? [h('br'), ...inline(line, ctx)] : inline(line, ctx))), i === paragraphs.length - 1 ? cites(cite, ctx) : null));
}

/** Citation marks `[1][2]` linking to the numbered sources. */
function cites(keys, ctx) {
  const marks = list(keys).map((key) => {
    const n = ctx.numbers.get(key);
    return n ? h('a', { href: `#ref-${n}`, class: 'cite', 'aria-label': `source ${n}` }, `[${n}]`) : h('span', { class: 'cite', title: 'No source with this key' }, '[?]');
  });
  return marks.length ? h('sup', { class: 'cites' }, ' ', marks) : null;
}

function section(heading, ...content) {
  return h('section', {}, h('h2', {}, heading), ...content);
}

function linkList(heading, links, ctx) {
  const items = list(links).filter((l) => l && ENTRY_ID.test(l.id));
  if (!items.length) return null;
  return section(heading, h('ul', { class: 'links' }, items.map((l) => h('li', {}, h('a', { class: 'xref', href: ctx.href(l.id), 'data-entry': l.id }, str(l.title) ?? l.id), ' ', h('span', { class: 'kind' }, (KINDS[l.kind] ?? [String(l.kind)])[0])))));
}

/** A quantity or duration: `400 mg/day`, `4–8 weeks`, with its note. */
function quantity(q) {
  if (!q || typeof q !== 'object') return '';
  const amount = q.value !== undefined ? String(q.value) : `${q.min ?? '?'}–${q.max ?? '?'}`;
  const plural = q.value === undefined || q.value !== 1;
  const unit = ['day', 'week', 'month', 'year'].includes(q.unit) && plural ? `${q.unit}s` : String(q.unit ?? '');
  return `${amount} ${unit}`.trim() + (str(q.note) ? ` (${q.note})` : '');
}

function facts(rows) {
  const shown = rows.filter(([, value]) => value !== undefined && value !== null && value !== '');
  return shown.length ? h('dl', { class: 'facts' }, shown.map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])) : null;
}

function rating(r) {
  if (!r || typeof r !== 'object') return undefined;
  return [h('span', { class: `rating rating-${String(r.rating)}` }, String(r.rating)), str(r.note) ? ` ${r.note}` : ''];
}

const BODIES = {
  topic: (e, c) => [
    ...prose(e.overview ?? '', c),
    list(e.mechanisms).length
      ? section(
          'How it works',
          list(e.mechanisms).map((m) =>
            h('div', { class: 'mechanism' }, h('h3', {}, `${m.from} → ${m.to}`), h('p', {}, inline(m.description ?? '', c), cites(m.cite, c)), list(m.pathways).length ? h('dl', { class: 'facts' }, list(m.pathways).map((p) => [h('dt', {}, p.name), h('dd', {}, inline(p.description ?? '', c))])) : null),
          ),
        )
      : null,
    list(e.evidence).length
      ? section(
          'Evidence',
          list(e.evidence).map((s) =>
            h(
              'div',
              { class: 'study' },
              h('h3', {}, s.design, cites(s.cite, c)),
              facts([
                ['Participants', s.participants],
                ['Population', s.population],
                ['Duration', quantity(s.duration)],
                ['Dose', quantity(s.dose)],
                ['Intervention', s.intervention && inline(s.intervention, c)],
                ['Outcome', s.outcome && inline(s.outcome, c)],
              ]),
              str(s.caveat) ? h('p', { class: 'limit' }, h('strong', {}, 'Limitation: '), inline(s.caveat, c)) : null,
            ),
          ),
        )
      : null,
    list(e.guidance).length
      ? section('What to do', h('ul', {}, list(e.guidance).map((g) => h('li', {}, inline(g.text ?? '', c), g.timeframe ? ` (over ${quantity(g.timeframe)})` : '', cites(g.cite, c)))))
      : null,
    ...list(e.sections).map((s) => section(s.heading, ...prose(s.body ?? '', c, s.cite))),
    linkList('Forms', e.forms, c),
    linkList('Interactions', e.interactions, c),
    linkList('Population cautions', e.cautions, c),
    linkList('Common misconceptions', e.misconceptions, c),
  ],
  'form-comparison': (e, c) => [
    facts([['Nutrient', e.nutrient]]),
    ...(str(e.overview) ? prose(e.overview, c) : []),
    section(
      'The forms',
      list(e.forms).map((f) =>
        h(
          'div',
          { class: 'form' },
          h('h3', {}, f.form, str(f.salt) ? h('span', { class: 'salt' }, ` (${f.salt})`) : '', cites(f.cite, c)),
          facts([
            ['Elemental content', f.elemental ? `${quantity(f.elemental.amount)} per ${quantity(f.elemental.per_salt)} of the salt` : undefined],
            ['Absorption', rating(f.absorption)],
            ['Brain penetration', rating(f.brain_penetration)],
            ['Suits', list(f.suits).length ? h('ul', {}, list(f.suits).map((s) => h('li', {}, inline(s, c)))) : undefined],
            ['Not for', list(f.not_for).length ? h('ul', {}, list(f.not_for).map((s) => h('li', {}, inline(s, c)))) : undefined],
          ]),
          str(f.note) ? h('p', {}, inline(f.note, c)) : null,
        ),
      ),
    ),
  ],
  interaction: (e, c) => [
    facts([
      ['Taken together', list(e.agents).join(' + ')],
      ['Evidence level', e.evidence_level],
    ]),
    section('The issue', ...prose(e.issue ?? '', c)),
    section('What to do', ...prose(e.guidance ?? '', c)),
    sourcesLine(e.cite, c),
  ],
  'population-caution': (e, c) => [
    facts([
      ['Who', e.population && inline(e.population, c)],
      ['Threshold', e.threshold ? `${e.threshold.measure} ${e.threshold.comparator} ${e.threshold.value} ${e.threshold.unit}` : undefined],
      ['Severity', e.severity ? h('span', { class: `severity severity-${String(e.severity)}` }, String(e.severity)) : undefined],
    ]),
    section('Caution', ...prose(e.caution ?? '', c)),
    section('What to do', ...prose(e.guidance ?? '', c)),
    sourcesLine(e.cite, c),
  ],
  misconception: (e, c) => [
    section('The claim', h('blockquote', {}, h('p', {}, inline(e.claim ?? '', c))), facts([['Verdict', e.verdict ? h('span', { class: 'verdict' }, String(e.verdict)) : undefined]])),
    section('What the evidence says', ...prose(e.correction ?? '', c)),
    e.corrects && ENTRY_ID.test(e.corrects.id) ? h('p', {}, 'This corrects a claim about ', h('a', { class: 'xref', href: c.href(e.corrects.id), 'data-entry': e.corrects.id }, str(e.corrects.title) ?? e.corrects.id), '.') : null,
    sourcesLine(e.cite, c),
  ],
};

function sourcesLine(keys, ctx) {
  return list(keys).length ? h('p', { class: 'sources-line' }, 'Sources:', cites(keys, ctx)) : null;
}

/** The entry's caveats, funding ones (conflicts of interest) first. */
function caveats(items, ctx) {
  const all = list(items).filter((cv) => cv && str(cv.text));
  if (!all.length) return null;
  const order = ['funding', 'safety', 'evidence'];
  const rank = (type) => (order.includes(type) ? order.indexOf(type) : order.length);
  all.sort((a, b) => rank(a.type) - rank(b.type));
  return section(
    'Caveats',
    h('ul', { class: 'caveats' }, all.map((cv) => h('li', { class: `caveat caveat-${String(cv.type)}` }, h('strong', {}, `${CAVEAT_NAMES[cv.type] ?? String(cv.type)}: `), inline(cv.text, ctx), cites(cv.cite, ctx)))),
  );
}

/** Figures the editors give without a citation on purpose, each with the reason. */
function editorialFigures(items) {
  const all = list(items).filter((f) => isObject(f) && str(f.figure));
  if (!all.length) return null;
  return section(
    'Figures without a citation',
    h('p', { class: 'editorial-intro' }, 'These figures in this entry are given without a citation on purpose; the editors say why:'),
    h('ul', { class: 'editorial-figures' }, all.map((f) => h('li', { class: 'editorial-figure' }, h('strong', {}, f.figure), str(f.reason) ? ` — ${f.reason}` : ''))),
  );
}

/** The numbered sources, each with its verification status, conflicts of interest and notices. */
function references(refs) {
  if (!refs.length) return null;
  return section('Sources', h('ol', { class: 'references' }, refs.map((ref, i) => h('li', { id: `ref-${i + 1}`, class: 'reference' }, reference(ref)))));
}

function reference(ref) {
  if (!isObject(ref)) return h('p', { class: 'citation' }, String(ref));
  if (ref.type === 'web') {
    return [
      h('p', { class: 'citation' }, ref.citation ?? ref.title),
      englishTitle(ref),
      h('p', { class: 'ref-links' }, externalLink(ref.url, 'Open the page')),
      h('p', { class: 'verification' }, h('span', { class: 'badge badge-muted' }, 'Web source'), ` Accessed ${ref.accessed ?? 'on an unknown date'}; web pages are not checked against PubMed.`),
      readerNote(ref),
      // Only a study cited by its page carries a declaration; other pages have none to show.
      ref.coi === undefined ? null : coi(ref.coi),
    ];
  }
  const [badge, sentence] = VERIFICATION[ref.verification] ?? ['Unknown status', `Verification status "${String(ref.verification)}", which this page does not know: treat it as unverified.`];
  const urls = isObject(ref.urls) ? ref.urls : {};
  return [
    ref.retracted === true ? h('p', { class: 'retracted' }, h('strong', {}, 'Retracted: '), 'PubMed marks this paper as retracted.') : null,
    h('p', { class: 'citation' }, ref.citation ?? ref.title),
    englishTitle(ref),
    h('p', { class: 'ref-links' }, [['PubMed', urls.pubmed], ['DOI', urls.doi], ['PubMed Central', urls.pmc]].filter(([, u]) => str(u)).flatMap(([name, u], i) => (i ? [' · ', externalLink(u, name)] : [externalLink(u, name)]))),
    h('p', { class: `verification verification-${String(ref.verification)}` }, h('span', { class: `badge badge-${String(ref.verification)}` }, badge), ` ${sentence}`),
    // The build's own sentence for this record (where and when it was obtained), when the bundle has one.
    str(ref.verificationNote) ? h('p', { class: 'verification-note' }, ref.verificationNote) : null,
    readerNote(ref),
    coi(ref.coi),
    notices(ref),
  ];
}

/** A non-English source's English title, under its own. */
function englishTitle(ref) {
  return str(ref.titleEnglish) ? h('p', { class: 'title-english' }, 'English title: ', h('span', { lang: 'en' }, ref.titleEnglish)) : null;
}

/** The editors' note for readers about this source (their notes for each other are never shipped). */
function readerNote(ref) {
  return str(ref.readerNote) ? h('p', { class: 'reader-note' }, h('strong', {}, 'Note from the editors: '), ref.readerNote) : null;
}

/** The statuses this page knows; any other is shown as not checked (docs/bundle-format.md). */
const COI_STATUSES = ['declared', 'none-declared', 'not-found', 'not-checked'];

/**
 * The funding / conflict-of-interest declaration: what it says, where it was
 * read (or looked for, when none was found), and any industry ties the
 * editors found outside it.
 */
function coi(declaration) {
  const d = isObject(declaration) ? declaration : {};
  const status = COI_STATUSES.includes(d.status) ? d.status : 'not-checked';
  const sources = list(d.sources).filter(isObject);
  const ties = list(d.ties).filter(isObject);
  let said;
  if (status === 'declared') {
    const sponsors = list(d.sponsors).filter((s) => typeof s === 'string').join(', ');
    said = h('p', { class: 'coi-status' }, h('strong', {}, 'Conflict of interest declared'), sponsors ? `: ${sponsors}.` : '.', str(d.statement) ? ` ${d.statement}` : '');
  } else if (status === 'none-declared') {
    said = h('p', { class: 'coi-status' }, 'The authors declare no conflict of interest.');
  } else if (status === 'not-found') {
    said = h('p', { class: 'coi-status' }, 'No funding or conflict-of-interest statement was found in the pages checked', sources.length ? [': ', pagesRead(sources), '.'] : '.');
  } else {
    said = h('p', { class: 'coi-status' }, 'Funding and conflicts of interest: not checked yet.');
  }
  // Where a declaration was read (not-found already says where it was looked for).
  const where = (status === 'declared' || status === 'none-declared') && sources.length ? h('p', { class: 'coi-sources' }, 'Read at ', pagesRead(sources), '.') : null;
  const tieList = ties.length
    ? h(
        'ul',
        { class: 'coi-ties' },
        ties.map((t) => {
          const source = isObject(t.source) ? t.source : {};
          return h('li', { class: 'coi-tie' }, h('strong', {}, 'Industry tie: '), String(t.party ?? ''), ' — ', String(t.relation ?? ''), ' (', pageLink(source.url), `, ${str(source.accessed) ?? 'an unknown date'}`, str(source.note) ? `; ${source.note}` : '', ')');
        }),
      )
    : null;
  return h('div', { class: `coi coi-${status}` }, said, where, tieList);
}

/** Whether the editors have read a notice: not yet, or where and when. Absent in older bundles: then nothing is said. */
function readState(read) {
  if (read === false) return h('span', { class: 'notice-read notice-unread' }, 'Not yet read by the editors.');
  if (isObject(read)) return h('span', { class: 'notice-read' }, `Read on ${str(read.accessed) ?? 'an unknown date'}: `, pageLink(read.url), str(read.note) ? ` (${read.note})` : '', '.');
  return null;
}

/** Notices the editors acknowledged (with what they change, and whether they read them), then any PubMed lists that they have not. */
function notices(ref) {
  const acknowledged = list(ref.notices).filter(isObject);
  const seen = new Set(acknowledged.map((n) => String(n.pmid)));
  const listed = isObject(ref.pubmedNotices) ? ref.pubmedNotices : {};
  const pending = [
    ...list(listed.retractions).map((pmid) => ['retraction', pmid]),
    ...list(listed.errata).map((pmid) => ['erratum', pmid]),
    ...list(listed.expressionsOfConcern).map((pmid) => ['expression-of-concern', pmid]),
  ].filter(([, pmid]) => !seen.has(String(pmid)));
  if (!acknowledged.length && !pending.length) return null;
  return h(
    'ul',
    { class: 'notices' },
    acknowledged.map((n) => {
      const state = readState(n.read);
      return h('li', { class: `notice notice-${String(n.type)}` }, h('strong', {}, `${NOTICE_NAMES[n.type] ?? String(n.type)} (PMID ${n.pmid}): `), String(n.note ?? ''), state ? [' ', state] : null);
    }),
    pending.map(([type, pmid]) => h('li', { class: `notice notice-${type}` }, h('strong', {}, `${NOTICE_NAMES[type]} (PMID ${pmid}): `), 'PubMed lists this notice; the editors have not yet said what it changes.')),
  );
}
