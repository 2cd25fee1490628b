/**
 * Reads an HTTP Retry-After header (RFC 9110 §10.2.3): either delta-seconds
 * or an HTTP-date, in any of the three date formats a recipient must accept
 * (IMF-fixdate, and the obsolete RFC 850 and asctime forms).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** `Sun, 06 Nov 1994 08:49:37 GMT` */
const IMF_FIXDATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
/** `Sunday, 06-Nov-94 08:49:37 GMT` */
const RFC_850 = new RegExp(`^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
/** `Sun Nov  6 08:49:37 1994` */
const ASCTIME = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

/**
 * How many milliseconds from `now` the header asks the client to wait: 0 for
 * a date already past, undefined for a missing or unreadable value (then the
 * caller's own backoff applies).
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = parseHttpDate(text, now);
  return at === undefined ? undefined : Math.max(0, at - now.getTime());
}

/** Milliseconds since the epoch of an HTTP-date, or undefined if `text` is not one or names an impossible moment. */
function parseHttpDate(text: string, now: Date): number | undefined {
  let m: RegExpExecArray | null;
  let parts: [year: number, month: string, day: number, hour: number, minute: number, second: number] | undefined;
  if ((m = IMF_FIXDATE.exec(text))) parts = [Number(m[3]), m[2], Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])];
  else if ((m = RFC_850.exec(text))) parts = [fullYear(Number(m[3]), now), m[2], Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])];
  else if ((m = ASCTIME.exec(text))) parts = [Number(m[6]), m[1], Number(m[2].trim()), Number(m[3]), Number(m[4]), Number(m[5])];
  if (!parts) return undefined;
  const [year, monthName, day, hour, minute, second] = parts;
  const month = MONTHS.indexOf(monthName);
  const ms = Date.UTC(year, month, day, hour, minute, second);
  // Date.UTC rolls 31 Feb over into March and 25:00 into the next day: refuse instead.
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month || back.getUTCDate() !== day || back.getUTCHours() !== hour || back.getUTCMinutes() !== minute || back.getUTCSeconds() !== second) {
    return undefined;
  }
  return ms;
}

/** RFC 850's two-digit year: the nearest matching year that is not more than 50 years in the future (RFC 9110 §5.6.7). */
function fullYear(twoDigits: number, now: Date): number {
  const current = now.getUTCFullYear();
  let year = current - (current % 100) + twoDigits;
  if (year > current + 50) year -= 100;
  return year;
}
