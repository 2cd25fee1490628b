/**
 * An error the user can fix by changing how reflib is called or where it
 * points: printed as one line, exit code 2, never a stack trace.
 */
export class UsageError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'UsageError';
  }
}
