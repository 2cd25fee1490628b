/** The errors the bundle client rejects with. */

/**
 * - `network`: no reply (refused, reset, timeout) and no good cached copy;
 * - `http`: a reply other than 200/304 (5xx only when nothing is cached);
 * - `format`: a file that is not the bundle format this client reads;
 * - `integrity`: bytes that do not match the manifest (an IntegrityError);
 * - `invalid-id`: an entry ID that is not 8 lowercase hex digits;
 * - `unknown-entry`: an ID the release neither publishes nor redirects;
 * - `invalid-option`: a bad `baseUrl`, `version` or `manifestSha256`.
 */
export type ClientErrorCode = 'network' | 'http' | 'format' | 'integrity' | 'invalid-id' | 'unknown-entry' | 'invalid-option';

/** Any failure of the bundle client; `code` says which. */
export class ClientError extends Error {
  constructor(
    message: string,
    readonly code: ClientErrorCode,
    /** The URL concerned, and the HTTP status if there was a reply. */
    readonly details: { url?: string; status?: number } = {},
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
