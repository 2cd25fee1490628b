import { entryPlaceholders } from '../model/placeholders';
import type { Check } from './check';

/** A `<fill in: …>` placeholder left by `reflib new`. */
const check: Check = {
  meta: { id: 'placeholder', description: 'A placeholder from reflib new that has not been filled in.', defaultSeverity: 'error', scope: 'entry' },
  create({ flag }) {
    return {
      entry(entry) {
        for (const p of entryPlaceholders(entry)) {
          const field = p.pointer.split('/').filter((s) => !/^\d+$/.test(s)).pop() ?? 'value';
          const what = /^<fill in:?\s*(.*)>$/i.exec(p.text.trim())?.[1] ?? '';
          flag({ entry, pointer: p.pointer, message: `fill this in: ${field}`, hint: what ? `Replace the placeholder with ${what.charAt(0).toLowerCase()}${what.slice(1)}` : 'Replace the placeholder.' });
        }
      },
    };
  },
};

export default check;
