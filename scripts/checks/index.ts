/** The registry of checks. A check's id matches its file name (see tests). */
import type { Check } from './check';
import brokenLink from './broken-link';
import citeKey from './cite-key';
import coiMismatch from './coi-mismatch';
import coiMissing from './coi-missing';
import coiUnsurfaced from './coi-unsurfaced';
import duplicateId from './duplicate-id';
import duplicateLink from './duplicate-link';
import idReuse from './id-reuse';
import linkKind from './link-kind';
import orphan from './orphan';
import placeholder from './placeholder';
import pmidErratum from './pmid-erratum';
import pmidFormat from './pmid-format';
import pmidMismatch from './pmid-mismatch';
import pmidNotFound from './pmid-not-found';
import pmidNotInLock from './pmid-not-in-lock';
import pmidRetracted from './pmid-retracted';
import pmidUnchecked from './pmid-unchecked';
import pmidUnverified from './pmid-unverified';
import replacementCycle from './replacement-cycle';
import retiredLink from './retired-link';
import retiredReplacement from './retired-replacement';
import selfLink from './self-link';
import uncitedFigure from './uncited-figure';
import unpublishedLink from './unpublished-link';
import unusedReference from './unused-reference';

export const CHECKS: readonly Check[] = [
  placeholder,
  duplicateId,
  idReuse,
  citeKey,
  unusedReference,
  uncitedFigure,
  pmidFormat,
  pmidNotInLock,
  pmidUnchecked,
  pmidUnverified,
  pmidNotFound,
  pmidMismatch,
  pmidRetracted,
  pmidErratum,
  coiMissing,
  coiUnsurfaced,
  coiMismatch,
  brokenLink,
  linkKind,
  unpublishedLink,
  retiredLink,
  retiredReplacement,
  replacementCycle,
  selfLink,
  duplicateLink,
  orphan,
];
