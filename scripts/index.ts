/**
 * What the reflib package exports to consumers: the bundle client and the
 * types of every bundle file (generated from schemas/bundle.schema.json).
 */
export * from './client';
export { createFileCache } from './client/createFileCache';
export type * from './bundle/types.generated';
