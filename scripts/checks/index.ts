/** The registry of checks. A check's id matches its file name (see tests). */
import type { Check } from './check';
import citeKey from './cite-key';
import duplicateId from './duplicate-id';
import unusedReference from './unused-reference';

export const CHECKS: readonly Check[] = [duplicateId, citeKey, unusedReference];
