/**
 * Generates schemas/bundle.schema.json from the entry schemas, so the bundle's
 * entry shapes can never drift from the source format: each kind's fields are
 * referenced from its schema, with link fields and references replaced by
 * their resolved forms. Run with `npm run generate`; a test checks the
 * committed file is current.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { RELEASE_VERSION_PATTERN } from '../../scripts/bundle/releaseVersion';
import { SIGNED_LATEST_TYPE } from '../../scripts/bundle/signedRelease';
import { KINDS, LINKS_TO, loadSchemas, SCHEMA_DIR, schemaId } from '../../scripts/core/loadSchemas';

type Schema = Record<string, unknown>;

const D = 'definitions.schema.json#/definitions/';
const str = (description: string, extra: Schema = {}): Schema => ({ description, type: 'string', ...extra });
const obj = (description: string, required: string[], properties: Record<string, Schema>, extra: Schema = {}): Schema => ({
  description,
  type: 'object',
  additionalProperties: false,
  required,
  properties,
  ...extra,
});
const formatVersion = { description: 'The bundle format version: 1.', const: 1 };
const version = str('The release version, e.g. 1.2.0.', { pattern: RELEASE_VERSION_PATTERN });
const entryId = { $ref: `${D}entryId` };
const sha = str('SHA-256, hex.', { pattern: '^[0-9a-f]{64}$' });
const SECONDS_UTC = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$';

function kindEntry(kind: string, properties: Record<string, Schema>, required: string[]): Schema {
  const props: Record<string, Schema> = {};
  for (const [name, prop] of Object.entries(properties)) {
    if (name === 'status' || name === 'replaced_by') continue;
    if (prop[LINKS_TO]) {
      const many = String(prop.$ref ?? '').endsWith('/entryIdList');
      props[name] = many
        ? { description: `${String(prop.description ?? 'Links')} Resolved to {id, kind, title}.`, type: 'array', items: { $ref: '#/definitions/linkRef' } }
        : { description: `${String(prop.description ?? 'A link')} Resolved to {id, kind, title}.`, $ref: '#/definitions/linkRef' };
    } else if (name === 'references') {
      props[name] = { description: 'The references, resolved: verified metadata, citation, URLs, COI and verification status.', type: 'array', items: { $ref: '#/definitions/resolvedReference' } };
    } else {
      props[name] = { $ref: `${kind}.schema.json#/properties/${name}` };
    }
  }
  props.backlinks = { description: 'Published entries that link to this one, and from which field.', type: 'array', items: { $ref: '#/definitions/backlink' } };
  const req = required.filter((r) => r !== 'status' && r !== 'replaced_by' && props[r]);
  return obj(`A published ${kind} entry, resolved.`, [...req, 'backlinks'], props);
}

/** The bundle schema as a JSON value. */
export function bundleSchema(): Schema {
  const { raw } = loadSchemas();
  const kinds: Record<string, Schema> = {};
  for (const kind of KINDS) {
    const s = raw.get(kind)! as { properties: Record<string, Schema>; required: string[] };
    kinds[`${kind}Entry`] = kindEntry(kind, s.properties, s.required);
  }
  const linkRef = { id: entryId, kind: str('The entry kind.', { enum: [...KINDS] }), title: str('The entry title.') };
  const notices = (d: string) => ({ description: d, type: 'array', items: { type: 'string' } });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: schemaId('bundle'),
    title: 'reflib bundle',
    description: 'Every file of a reflib release under dist/ (docs/bundle-format.md). Generated from the entry schemas by tools/generate/generateBundleSchema.ts.',
    definitions: {
      linkRef: obj('A link to a published entry.', ['id', 'kind', 'title'], linkRef),
      backlink: obj('An entry that links here.', ['id', 'kind', 'title', 'field'], { ...linkRef, field: str('The field of the linking entry that holds the link.') }),
      resolvedArticle: obj('A journal article, resolved against PubMed.', ['key', 'type', 'pmid', 'title', 'authors', 'authorsComplete', 'journal', 'year', 'citation', 'urls', 'coi', 'notices', 'pubmedNotices', 'retracted', 'verification'], {
        key: str('The key statements cite it by.'),
        type: { description: 'article.', const: 'article' },
        pmid: { description: 'PubMed ID.', type: 'integer' },
        pmcid: str('PubMed Central ID.'),
        doi: str('DOI.'),
        title: str('Title, in the language it was published in.'),
        titleEnglish: str('For a paper not in English: its English title, as PubMed or the journal gives it. Absent for English papers and in bundles built before it existed.'),
        authors: { description: 'Authors as far as known.', type: 'array', items: { type: 'string' } },
        authorsComplete: { description: 'Whether authors is the full list (PubMed\'s, or as complete as the lock record says).', type: 'boolean' },
        journal: str('Journal.'),
        year: { description: 'Year.', type: 'integer' },
        volume: str('Volume.'),
        issue: str('Issue.'),
        pages: str('Pages.'),
        citation: str('NLM/Vancouver citation.'),
        urls: obj('Links to the paper.', ['pubmed'], { pubmed: str('PubMed page.'), doi: str('DOI link.'), pmc: str('PubMed Central page.') }),
        coi: { description: 'The funding / conflict-of-interest declaration.', $ref: `${D}coi` },
        notices: { description: 'Notices the editor acknowledged.', type: 'array', items: { $ref: `${D}articleReference/properties/notices/items` } },
        pubmedNotices: obj('Notices PubMed lists.', ['retractions', 'errata', 'expressionsOfConcern'], {
          retractions: notices('Retraction notices.'),
          errata: notices('Errata.'),
          expressionsOfConcern: notices('Expressions of concern.'),
        }),
        retracted: { description: 'Whether PubMed marks the paper retracted.', type: 'boolean' },
        verification: str(
          "How the citation was checked, never claiming more than happened: verified (PubMed's record fetched by reflib, and matching), imported (matches a PubMed record read from a saved file), transcribed (matches a record a person copied from a named page), corroborated (seen only in others' citations), unverified (no record), mismatched (the record disagrees) or not-found (PubMed has no such ID). hand-checked appears only in bundles built before imported and transcribed existed.",
          { enum: ['verified', 'imported', 'transcribed', 'corroborated', 'unverified', 'mismatched', 'not-found', 'hand-checked'] },
        ),
        readerNote: str('A note for readers about this citation, written by the editors (e.g. a dose above the upper intake level). Notes for editors are never shipped.'),
        verificationNote: str('The same in one sentence an app can show as is: how the record behind the citation was obtained (file, page, date), never more than verification says. Absent in bundles built before it existed.'),
      }),
      resolvedWeb: obj('A web source.', ['key', 'type', 'title', 'url', 'accessed', 'citation'], {
        key: str('The key statements cite it by.'),
        type: { description: 'web.', const: 'web' },
        title: str('Title.'),
        titleEnglish: str('For a source not in English: its English title, as the publisher gives it.'),
        publisher: str('Publisher.'),
        url: str('URL.'),
        accessed: str('Access date.'),
        citation: str('Formatted citation.'),
        coi: { description: 'For a study cited by its page: its funding / conflict-of-interest declaration. Absent for other pages.', $ref: `${D}coi` },
        readerNote: str('A note for readers about this source, written by the editors (e.g. what the access date means). Notes for editors are never shipped.'),
      }),
      resolvedReference: {
        description: 'A resolved reference.',
        type: 'object',
        required: ['type'],
        properties: { type: str('article or web.', { enum: ['article', 'web'] }) },
        allOf: [
          { if: { properties: { type: { const: 'article' } } }, then: { $ref: '#/definitions/resolvedArticle' } },
          { if: { properties: { type: { const: 'web' } } }, then: { $ref: '#/definitions/resolvedWeb' } },
        ],
      },
      ...kinds,
      entry: {
        description: 'A published entry, resolved; its kind decides its fields.',
        type: 'object',
        required: ['kind'],
        properties: { kind: str('The entry kind.', { enum: [...KINDS] }) },
        allOf: KINDS.map((k) => ({ if: { properties: { kind: { const: k } } }, then: { $ref: `#/definitions/${k}Entry` } })),
      },
      entryFile: obj('entries/<id>.json.', ['formatVersion', 'version', 'entry'], { formatVersion, version, entry: { $ref: '#/definitions/entry' } }),
      redirects: { description: 'Retired ID → final live replacement.', type: 'object', propertyNames: { pattern: '^[0-9a-f]{8}$' }, additionalProperties: entryId },
      library: obj('library.json.', ['formatVersion', 'version', 'entries', 'redirects'], {
        formatVersion,
        version,
        entries: { description: 'Every published entry, sorted by ID.', type: 'array', items: { $ref: '#/definitions/entry' } },
        redirects: { $ref: '#/definitions/redirects' },
      }),
      index: obj('index.json.', ['formatVersion', 'version', 'entries'], {
        formatVersion,
        version,
        entries: {
          description: 'A light list for list and search views.',
          type: 'array',
          items: obj('One entry.', ['id', 'kind', 'title', 'summary', 'updated'], { id: entryId, kind: str('Kind.'), title: str('Title.'), summary: str('Summary.'), tags: { $ref: `${D}tags` }, updated: str('Last change, YYYY-MM-DD.') }),
        },
      }),
      manifest: obj('manifest.json.', ['formatVersion', 'version', 'sourceCommit', 'created', 'counts', 'files', 'entries', 'redirects', 'references'], {
        formatVersion,
        version,
        sourceCommit: { description: 'The git commit built, or null outside git.', type: ['string', 'null'] },
        created: str('SOURCE_DATE_EPOCH or the commit date, ISO 8601.', { format: 'date-time' }),
        counts: { description: 'Entries by kind.', type: 'object', additionalProperties: { type: 'integer' } },
        files: { description: 'Every file of the release but the manifest, with its hash and size.', type: 'object', additionalProperties: obj('A file.', ['sha256', 'size'], { sha256: sha, size: { description: 'Bytes.', type: 'integer' } }) },
        entries: { description: 'Each entry with its content hash.', type: 'object', additionalProperties: obj('An entry.', ['kind', 'title', 'contentHash'], { kind: str('Kind.'), title: str('Title.'), contentHash: sha }) },
        redirects: { $ref: '#/definitions/redirects' },
        references: {
          description: 'Each cited source, keyed pmid:<n> or url:<url>, for changelogs.',
          type: 'object',
          additionalProperties: obj('A source.', ['title', 'retracted', 'citedBy'], {
            title: str('Title.'),
            retracted: { description: 'Retracted.', type: 'boolean' },
            coi: str('COI status.'),
            sponsors: { description: 'Sponsors.', type: 'array', items: { type: 'string' } },
            citedBy: { description: 'Citing entry IDs.', type: 'array', items: entryId },
          }),
        },
      }),
      latest: obj('latest.json.', ['formatVersion', 'version', 'manifest', 'manifestSha256'], { formatVersion, version, manifest: str('Path of the manifest.'), manifestSha256: sha }),
      latestSigned: obj(
        'latest.signed.json: latest.json signed with Ed25519, written by reflib build --sign (docs/trust.md). Each signature covers the canonical JSON of `signed` (sorted keys, two-space indentation, final newline) as UTF-8.',
        ['signed', 'signatures'],
        {
          signed: obj('What is signed.', ['type', 'formatVersion', 'version', 'manifest', 'manifestSha256', 'counter', 'issued', 'expires'], {
            type: { description: 'What the signature is about: reflib/latest.', const: SIGNED_LATEST_TYPE },
            formatVersion,
            version,
            manifest: str('Path of the manifest: <version>/manifest.json.'),
            manifestSha256: sha,
            counter: { description: 'Rises by one at every signing, even of the same release; a client refuses a lower one.', type: 'integer', minimum: 1 },
            issued: str('When it was signed: ISO 8601, UTC, whole seconds.', { format: 'date-time', pattern: SECONDS_UTC }),
            expires: str('After this a client refuses it: ISO 8601, UTC, whole seconds.', { format: 'date-time', pattern: SECONDS_UTC }),
          }),
          signatures: {
            description: 'One signature per signing key (two during a key rotation), sorted by keyid; the build always writes at least one.',
            type: 'array',
            items: obj('A signature.', ['keyid', 'sig'], {
              keyid: str('Hex SHA-256 of the raw 32-byte Ed25519 public key.', { pattern: '^[0-9a-f]{64}$' }),
              sig: str('The 64-byte Ed25519 signature, standard base64.', { pattern: '^[A-Za-z0-9+/]{86}==$' }),
            }),
          },
        },
      ),
      changelog: obj('changelog.json.', ['from', 'to', 'bump', 'added', 'changed', 'retired', 'removed', 'references', 'coiChanged'], {
        from: { description: 'The previous version, or null.', type: ['string', 'null'] },
        to: version,
        bump: str('major, minor, patch or none.', { enum: ['major', 'minor', 'patch', 'none'] }),
        added: { description: 'Entries added.', type: 'array', items: { $ref: '#/definitions/linkRef' } },
        changed: { description: 'Entries changed.', type: 'array', items: { $ref: '#/definitions/linkRef' } },
        retired: { description: 'Entries retired.', type: 'array', items: obj('A retired entry.', ['id', 'kind', 'title', 'replacedBy'], { ...linkRef, replacedBy: entryId }) },
        removed: { description: 'Entries removed without a redirect.', type: 'array', items: { $ref: '#/definitions/linkRef' } },
        references: obj('References added, removed, newly retracted.', ['added', 'removed', 'newlyRetracted'], {
          added: notices('Added.'),
          removed: notices('Removed.'),
          newlyRetracted: notices('Newly retracted.'),
        }),
        coiChanged: { description: 'COI declarations that changed.', type: 'array', items: obj('A change.', ['reference', 'title', 'before', 'after'], { reference: str('Key.'), title: str('Title.'), before: str('Before.'), after: str('After.') }) },
      }),
    },
  };
}

/** The generated file's text. */
export function bundleSchemaText(): string {
  return JSON.stringify(bundleSchema(), null, 2) + '\n';
}

if (require.main === module) writeFileSync(path.join(SCHEMA_DIR, 'bundle.schema.json'), bundleSchemaText());
