/**
 * The reference reader: lists the library's entries and shows one as a
 * reader would see it, fetched and verified by the reflib client in the
 * browser. `reflib serve` serves it at /_reflib/reader/, the client at
 * /_reflib/client.mjs, and the releases at the server's root.
 *
 * `?entry=<id>` shows that entry. `?key=ed25519:…` (repeatable) replaces
 * config.js's PUBLIC_KEYS, for a demonstration.
 *
 * Every result says whether it is `stale` (and why) and whether its origin
 * is proven (`signed`); the page shows both as banners, and a failure as an
 * error panel with the ClientError's code.
 */
import { ClientError, createClient } from '../client.mjs';
import { PUBLIC_KEYS } from './config.js';
import { ENTRY_ID, h, KINDS, renderEntry } from './render.js';

/** Where the releases are: the root this page is served under (it sits at /_reflib/reader/). */
const BASE_URL = new URL('../../', import.meta.url).href;

/** What each staleReason means for a reader. */
const STALE_REASONS = {
  unavailable: 'the server could not be reached or gave no usable reply',
  rollback: 'the server offered an older release than one this app has already verified',
  'bad-signature': 'the signed release metadata did not verify',
  'unknown-key': 'the release metadata is signed by a key this app does not trust',
  expired: 'the signed release metadata has expired (a mirror or cache may be stuck on an old release)',
};

const queryKeys = new URLSearchParams(location.search).getAll('key');
const publicKeys = queryKeys.length ? queryKeys : PUBLIC_KEYS;

let client;
let setupError;
try {
  client = createClient({ baseUrl: BASE_URL, ...(publicKeys.length ? { publicKeys } : {}) });
} catch (error) {
  setupError = error;
}

const byId = (id) => document.getElementById(id);
/** Titles by ID, for inline links without a label. */
let titles = new Map();
/** The release the entry list shows. */
let listedVersion;
/** Counts navigations, so an older one that finishes late changes nothing. */
let navigation = 0;

/** The address of this page showing entry `id`, keeping the other parameters (the keys). */
function entryHref(id) {
  const url = new URL(location.href);
  url.searchParams.set('entry', id);
  url.hash = '';
  return url.pathname + url.search;
}

/** Loads the list and the entry the address names, and shows them. */
async function show({ focus = false } = {}) {
  const run = ++navigation;
  const requested = new URLSearchParams(location.search).get('entry');
  if (setupError) {
    showErrors([setupError]);
    byId('entries').replaceChildren(h('h2', { id: 'entries-heading' }, 'Entries'), h('p', {}, 'Not loaded.'));
    byId('entry').replaceChildren(h('h1', { tabindex: '-1' }, 'The client could not be set up'), h('p', {}, 'See the error above.'));
    return;
  }
  const [library, entry] = await Promise.allSettled([client.library(), requested === null ? Promise.resolve(undefined) : client.entry(requested)]);
  if (run !== navigation) return;

  const results = [library, entry].filter((r) => r.status === 'fulfilled' && r.value).map((r) => r.value);
  showErrors([library, entry].filter((r) => r.status === 'rejected').map((r) => r.reason));
  showBanners(results);
  if (library.status === 'fulfilled') showList(library.value);
  else if (listedVersion === undefined) byId('entries').replaceChildren(h('h2', { id: 'entries-heading' }, 'Entries'), h('p', {}, 'Not loaded: see the error.'));
  if (entry.status === 'rejected') {
    byId('entry').replaceChildren(h('h1', { tabindex: '-1' }, 'This entry cannot be shown'), h('p', {}, 'See the error above, or choose another entry from the list.'));
  } else if (entry.value) {
    showEntry(entry.value);
  } else if (library.status === 'rejected') {
    byId('entry').replaceChildren(h('h1', { tabindex: '-1' }, 'The library could not be loaded'), h('p', {}, 'See the error above.'));
  } else {
    byId('entry').replaceChildren(h('h1', { tabindex: '-1' }, 'Choose an entry'), h('p', {}, 'Pick an entry from the list to read it with its sources, caveats and notices.'));
  }
  markCurrent(entry.status === 'fulfilled' && entry.value ? entry.value.id : requested);
  const latest = results.at(-1);
  byId('release').textContent = latest ? `Release ${latest.version}${latest.expires ? ` (signed metadata valid until ${latest.expires})` : ''}.` : 'No release loaded.';
  if (focus) byId('entry').querySelector('h1')?.focus();
}

/** The stale banner (with its reason) and the origin banner, from everything the page now shows. */
function showBanners(results) {
  const banners = [];
  const stale = results.find((r) => r.stale);
  if (stale) {
    const why = STALE_REASONS[stale.staleReason] ?? 'the server’s current data could not be used';
    banners.push(h('div', { class: 'banner banner-stale', role: 'status' }, h('strong', {}, 'Stale data: '), `${why}, so this is the last verified copy (release ${stale.version}). It may be out of date. Reason: `, h('code', {}, String(stale.staleReason ?? 'unknown')), '.'));
  }
  if (results.length && results.every((r) => r.signed === true)) {
    const what = stale ? `release ${stale.version}, the one shown, was signed with a key this app trusts.` : 'the release metadata is signed with a key this app trusts.';
    banners.push(h('div', { class: 'banner banner-verified', role: 'status' }, h('strong', {}, 'Origin verified: '), what));
  } else if (results.length) {
    const why = publicKeys.length ? 'the release metadata could not be verified with the keys this app was given.' : 'this app was not given a signing key.';
    banners.push(h('div', { class: 'banner banner-unverified', role: 'status' }, h('strong', {}, 'Origin not verified: '), `${why} Every file matched the release’s hashes, but nothing proves who published the release.`));
  }
  byId('banners').replaceChildren(...banners);
}

/** The entries, grouped by kind; rebuilt only when the release changes. */
function showList({ library, version }) {
  const entries = Array.isArray(library.entries) ? library.entries.filter((e) => e && ENTRY_ID.test(e.id)) : [];
  titles = new Map(entries.map((e) => [e.id, String(e.title)]));
  if (listedVersion === version) return;
  listedVersion = version;
  const kinds = [...Object.keys(KINDS), ...new Set(entries.map((e) => e.kind).filter((k) => !(k in KINDS)))];
  const groups = kinds
    .map((kind) => [kind, entries.filter((e) => e.kind === kind).sort((a, b) => String(a.title).localeCompare(String(b.title)))])
    .filter(([, items]) => items.length)
    .map(([kind, items]) => h('section', {}, h('h3', {}, KINDS[kind]?.[1] ?? String(kind)), h('ul', {}, items.map((e) => h('li', {}, h('a', { href: entryHref(e.id), 'data-entry': e.id }, String(e.title)))))));
  byId('entries').replaceChildren(h('h2', { id: 'entries-heading' }, `Entries (${entries.length})`), ...groups);
}

function markCurrent(id) {
  for (const a of byId('entries').querySelectorAll('a[data-entry]')) {
    if (a.dataset.entry === id) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function showEntry({ entry, id, requestedId, redirected }) {
  const ctx = { href: entryHref, title: (target) => titles.get(target) };
  const notice = redirected ? h('p', { class: 'redirected', role: 'note' }, `Entry ${requestedId} was retired; this is the entry that replaces it.`) : null;
  byId('entry').replaceChildren(...[notice, ...renderEntry(entry, ctx)].filter(Boolean));
  document.title = `${entry.title} · reflib reader`;
  if (redirected) history.replaceState(null, '', entryHref(id));
}

/** The error panel: each ClientError's code and message (any other error shows as `unexpected`); hidden when there are none. */
function showErrors(errors) {
  const panel = byId('error');
  const messages = new Set();
  const items = errors
    .filter((error) => !messages.has(String(error?.message)) && messages.add(String(error?.message)))
    .map((error) => {
      const code = error instanceof ClientError ? error.code : 'unexpected';
      const url = error instanceof ClientError ? error.details?.url : undefined;
      return h('li', {}, 'Error ', h('code', { class: 'error-code' }, code), ': ', h('span', { class: 'error-message' }, String(error?.message ?? error)), url ? [' (', h('code', {}, String(url)), ')'] : null);
    });
  panel.replaceChildren(...(items.length ? [h('h2', {}, 'Could not load from the library'), h('ul', {}, items)] : []));
  panel.hidden = !items.length;
}

// Links between entries load in the page, with the same client, so its
// verified copies serve as the fallback when the server fails later.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[data-entry]') : null;
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  history.pushState(null, '', link.getAttribute('href'));
  show({ focus: true });
});
window.addEventListener('popstate', () => show({ focus: true }));

show();
