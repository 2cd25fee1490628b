/** SHA-256 for the build, in Node. (The client uses Web Crypto: client/verifyBytes.ts.) */
import { createHash } from 'node:crypto';

/** Hex SHA-256 of a string (as UTF-8) or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
