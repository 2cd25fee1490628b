/**
 * Whether a free-text conflict-of-interest statement (PubMed's CoiStatement)
 * declares an interest. Conservative: anything that is not clearly a "no
 * conflict" statement counts as declaring one, so a reviewer looks.
 */
const NONE = /\b(no|not any|none|neither)\b[^.;]*\b(conflicts?|competing|financial|interests?|disclose|declare)\b|\bnothing to (?:declare|disclose)\b|^\s*(?:none|nil|n\/?a)\s*\.?\s*$/i;
const SOMETHING = /\b(receiv\w*|funded|funding from|grants?\b|fees?\b|consult\w*|employ\w*|honorari\w*|shares?\b|stock|advisory|speaker|patent|sponsor\w*|paid|royalt\w*)/i;

/** true when the statement declares an interest; false when it clearly declares none. */
export function declaresInterest(statement: string): boolean {
  const text = statement.trim();
  if (!text) return false;
  // "No conflict … except that X received fees" still declares one.
  const clauses = text.split(/(?<=[.;])\s+|\bexcept\b|\bhowever\b|\bbut\b|\bapart from\b|\bother than\b|\bbesides\b|\baside from\b|\balthough\b|\bwith the exception of\b/i);
  // A clause declares something unless it is a plain "no conflict" clause
  // that names nothing received ("no fees", "no funding" are still plain).
  return clauses.some((c) => c.trim() && (!NONE.test(c) || (SOMETHING.test(c) && !/\bno\s+(?:\w+\s+){0,2}(fees?|grants?|funding|payments?)\b/i.test(c))));
}
