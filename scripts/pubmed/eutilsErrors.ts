/**
 * Errors of the PubMed E-utilities client, and the redaction that keeps the
 * API key out of every message.
 */

/**
 * What went wrong with one E-utilities reply:
 * - `rate-limit`: HTTP 429 (PubMed's "API rate limit exceeded");
 * - `http`: any other non-2xx status;
 * - `timeout`: no complete reply in time;
 * - `network`: no reply at all (refused, reset, DNS);
 * - `reply-error`: an HTTP 200 whose body is an error (JSON top-level "error", XML <ERROR>);
 * - `malformed`: a body that is not the JSON or XML it should be.
 */
export type EutilsFailureKind = 'rate-limit' | 'http' | 'timeout' | 'network' | 'reply-error' | 'malformed';

/** A failed or unusable E-utilities reply. Its message never holds the API key or a request URL. */
export class EutilsError extends Error {
  readonly kind: EutilsFailureKind;
  /** The HTTP status, when there was a reply. */
  readonly status?: number;
  /** Whether asking again may help (rate limit, 5xx, timeout, network, a truncated body). */
  readonly retryable: boolean;
  /** How long the server asked to wait before asking again (a 429's or 503's Retry-After), in milliseconds. */
  readonly retryAfterMs?: number;

  constructor(message: string, kind: EutilsFailureKind, options: { status?: number; retryable?: boolean; retryAfterMs?: number } = {}) {
    super(message);
    this.name = 'EutilsError';
    this.kind = kind;
    this.status = options.status;
    this.retryable = options.retryable ?? defaultRetryable(kind, options.status);
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

function defaultRetryable(kind: EutilsFailureKind, status: number | undefined): boolean {
  switch (kind) {
    case 'rate-limit':
    case 'timeout':
    case 'network':
    // A body cut short by a dropped connection is the usual cause of bad JSON or XML.
    case 'malformed':
      return true;
    case 'http':
      return status !== undefined && status >= 500;
    case 'reply-error':
      return false;
  }
}

/**
 * Whether an error text that PubMed puts in a 200 reply is worth asking again:
 * rate limiting and back-end hiccups are; a bad ID or a missing parameter is not.
 */
export function isTransientReplyError(text: string): boolean {
  return /rate limit|backend|back-end|temporar|unavailable|try again|timed? ?out/i.test(text);
}

/** Replaces every occurrence of `secret` (raw or URL-encoded) in `text` with "***". */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret) return text;
  let out = text;
  for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('***');
  // Belt and braces: an api_key parameter never survives, whatever its value.
  return out.replace(/(api_key=)[^&\s"']*/gi, '$1***');
}

/** Shortens a reply body for an error message: one line, at most `max` characters. */
export function snippet(body: string, max = 160): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
