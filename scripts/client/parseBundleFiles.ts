/**
 * Parses the bundle files the client reads and checks the fields it relies
 * on, so a wrong file (an HTML error page, a newer format, a release that
 * names another version) fails with a `format` ClientError, not later.
 * (fetchVerified turns a fresh 200 that is not JSON at all into a transient
 * failure: the cached copy, or a `not-json` error.)
 */
import type { EntryFile, Latest, Library, Manifest } from './bundleTypes';
import { ClientError } from './clientErrors';
import { decodeJson } from './decodeJson';
import { RELEASE_VERSION } from '../bundle/releaseVersion';

/** The format version this client reads. */
export const FORMAT_VERSION = 1;
/** An entry ID: 8 lowercase hex digits. */
export const ENTRY_ID = /^[0-9a-f]{8}$/;

const SHA256 = /^[0-9a-f]{64}$/;

type Json = Record<string, unknown>;

const fail = (file: string, problem: string): never => {
  throw new ClientError(`${file}: ${problem}`, 'format');
};

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Decodes strict UTF-8 JSON whose top level is an object of format version 1. */
function parseObject(bytes: Uint8Array, file: string): Json {
  let value: unknown;
  try {
    value = decodeJson(bytes);
  } catch {
    return fail(file, 'not valid UTF-8 JSON');
  }
  if (!isObject(value)) return fail(file, 'not a JSON object');
  if (value.formatVersion !== FORMAT_VERSION) {
    return fail(file, `formatVersion ${JSON.stringify(value.formatVersion)} is not ${FORMAT_VERSION}, the only one this client reads`);
  }
  return value;
}

function checkVersion(json: Json, file: string, version: string): void {
  if (json.version !== version) fail(file, `version is ${JSON.stringify(json.version)}, expected "${version}"`);
}

function checkRedirects(value: unknown, file: string): Record<string, string> {
  if (value === undefined) return {};
  if (!isObject(value) || !Object.values(value).every((v) => typeof v === 'string')) return fail(file, 'redirects is not a map of IDs');
  return value as Record<string, string>;
}

/** `latest.json`. */
export function parseLatest(bytes: Uint8Array, file = 'latest.json'): Latest {
  const json = parseObject(bytes, file);
  const { version, manifest, manifestSha256 } = json;
  if (typeof version !== 'string' || !RELEASE_VERSION.test(version)) return fail(file, `version ${JSON.stringify(version)} is not a semantic version`);
  if (manifest !== `${version}/manifest.json`) return fail(file, `manifest is ${JSON.stringify(manifest)}, expected "${version}/manifest.json"`);
  if (typeof manifestSha256 !== 'string' || !SHA256.test(manifestSha256)) return fail(file, 'manifestSha256 is not a SHA-256 in hex');
  return json as unknown as Latest;
}

/** `<version>/manifest.json`. */
export function parseManifest(bytes: Uint8Array, file: string, version: string): Manifest {
  const json = parseObject(bytes, file);
  checkVersion(json, file, version);
  if (!isObject(json.files)) return fail(file, 'files is missing');
  for (const [name, info] of Object.entries(json.files)) {
    if (!isObject(info) || typeof info.sha256 !== 'string' || !SHA256.test(info.sha256) || !Number.isSafeInteger(info.size) || (info.size as number) < 0) {
      return fail(file, `files["${name}"] needs a sha256 and a size`);
    }
  }
  if (!isObject(json.entries)) return fail(file, 'entries is missing');
  for (const [id, info] of Object.entries(json.entries)) {
    if (!ENTRY_ID.test(id) || !isObject(info) || typeof info.contentHash !== 'string' || !SHA256.test(info.contentHash)) return fail(file, `entries["${id}"] needs an 8-hex-digit ID and a contentHash`);
  }
  return { ...json, redirects: checkRedirects(json.redirects, file) } as unknown as Manifest;
}

/** `<version>/entries/<id>.json`. */
export function parseEntryFile(bytes: Uint8Array, file: string, version: string, id: string): EntryFile {
  const json = parseObject(bytes, file);
  checkVersion(json, file, version);
  if (!isObject(json.entry)) return fail(file, 'entry is missing');
  if (json.entry.id !== undefined && json.entry.id !== id) return fail(file, `holds entry ${JSON.stringify(json.entry.id)}, not ${id}`);
  return json as unknown as EntryFile;
}

/** `<version>/library.json`. */
export function parseLibrary(bytes: Uint8Array, file: string, version: string): Library {
  const json = parseObject(bytes, file);
  checkVersion(json, file, version);
  if (!Array.isArray(json.entries) || !json.entries.every(isObject)) return fail(file, 'entries is not a list of entries');
  return { ...json, redirects: checkRedirects(json.redirects, file) } as unknown as Library;
}
