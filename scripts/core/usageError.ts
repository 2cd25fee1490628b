/**
 * An error the user can fix by changing how reflib is called or where it
 * points: printed as one line, exit code 2, never a stack trace.
 */
export class UsageError extends Error {
  /**
   * @param hint what to do about it, printed on a second line
   * @param code a stable name for callers that handle one case (e.g. `empty-library`), so none matches on the message
   */
  constructor(message: string, readonly hint?: string, readonly code?: string) {
    super(message);
    this.name = 'UsageError';
  }
}
