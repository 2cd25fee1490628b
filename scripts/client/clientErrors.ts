/** The errors the bundle client rejects with. */

/**
 * - `network`: no reply (refused, reset, timeout) and no good cached copy;
 * - `http`: a reply other than 200/304 (5xx only when nothing is cached);
 * - `not-json`: a 200 whose body is not JSON (a captive portal's login page,
 *   a truncated or empty body) and no good cached copy;
 * - `format`: a file that is JSON but not the bundle format this client reads;
 * - `integrity`: bytes that do not match the manifest (an IntegrityError);
 * - `too-large`: a reply longer than the file may be (the size the manifest
 *   gives, 64 KiB for latest.json and latest.signed.json, 64 MiB for a
 *   manifest), cut off unread, and no good cached copy (endless data);
 * - `rollback`: the server names an older release than the newest one this
 *   client has verified (or that release with another manifest, or, signed,
 *   a lower counter), and the newer release can be had neither from the
 *   cache nor from the server; `details.latestVersion` and
 *   `details.verifiedVersion` name both (`details.counter` and
 *   `details.verifiedCounter` too, for signed metadata);
 * - `bad-signature`: the client was given public keys, and the signed
 *   metadata is missing (`details.problem: 'missing'`), malformed
 *   (`'malformed'`), or a signature by one of those keys does not verify
 *   (`'invalid'`), or too few do (`'threshold'`);
 * - `unknown-key`: the signed metadata carries signatures, but none by a key
 *   this client was given (a release re-signed by someone else);
 * - `expired`: the signed metadata is past its `expires` time: a mirror or
 *   cache frozen on an old release (`details.expires`);
 * - `invalid-id`: an entry ID that is not 8 lowercase hex digits;
 * - `unknown-entry`: an ID the release neither publishes nor redirects;
 * - `invalid-option`: a bad `baseUrl`, `version`, `manifestSha256`,
 *   `publicKeys` or `threshold`.
 *
 * New codes may be added; handle the ones you need and treat the rest as a
 * generic failure.
 */
export type ClientErrorCode =
  | 'network'
  | 'http'
  | 'not-json'
  | 'format'
  | 'integrity'
  | 'too-large'
  | 'rollback'
  | 'bad-signature'
  | 'unknown-key'
  | 'expired'
  | 'invalid-id'
  | 'unknown-entry'
  | 'invalid-option';

/** What a ClientError is about, as data. */
export interface ClientErrorDetails {
  /** The URL concerned. */
  url?: string;
  /** The HTTP status, if there was a reply. */
  status?: number;
  /** `rollback`: the release latest.json named. */
  latestVersion?: string;
  /** `rollback`: the newest release this client has verified. */
  verifiedVersion?: string;
  /** `rollback` of signed metadata: the counter offered. */
  counter?: number;
  /** `rollback` of signed metadata: the highest counter this client has verified. */
  verifiedCounter?: number;
  /** `bad-signature`: what was wrong. */
  problem?: 'missing' | 'malformed' | 'invalid' | 'threshold';
  /** `unknown-key`: the key IDs that signed. */
  keyids?: string[];
  /** `expired`: when the metadata expired. */
  expires?: string;
}

/** Any failure of the bundle client; `code` says which. */
export class ClientError extends Error {
  constructor(
    message: string,
    readonly code: ClientErrorCode,
    /** The URL concerned, the HTTP status if there was a reply, and for `rollback` both versions. */
    readonly details: ClientErrorDetails = {},
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

/** A fetched (or cached) file whose SHA-256 or size differs from what the release says. */
export class IntegrityError extends ClientError {
  constructor(
    /** The file's path in the release, e.g. `1.2.0/library.json`. */
    readonly file: string,
    readonly expected: { sha256: string; size?: number },
    readonly actual: { sha256: string; size: number },
    url?: string,
  ) {
    const sizes = expected.size !== undefined && expected.size !== actual.size ? `; expected ${expected.size} bytes, got ${actual.size}` : '';
    super(`${file} failed verification: expected sha256 ${expected.sha256}, got ${actual.sha256}${sizes}`, 'integrity', { url });
    this.name = 'IntegrityError';
  }
}
