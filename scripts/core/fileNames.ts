/** The names of the files reflib reads at a library root besides entries/: one home, in a module cheap to load. */

/** The PubMed lock. */
export const LOCK_FILE = 'pubmed-lock.json';

/** The rule configuration. */
export const CONFIG_FILE = 'reflib.config.yaml';
