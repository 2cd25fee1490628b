import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../scripts/checks';
import { RULES } from '../../scripts/pipeline/rules';
import { REPO } from '../support/fixtures';

const checkFiles = readdirSync(path.join(REPO, 'scripts/checks'))
  .filter((f) => f.endsWith('.ts') && !['check.ts', 'index.ts', 'runChecks.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

describe('the check registry', () => {
  it('lists every check file, and each check id matches its file name', async () => {
    expect(CHECKS.map((c) => c.meta.id).sort()).toEqual(checkFiles);
    for (const id of checkFiles) {
      const mod = await import(path.join(REPO, 'scripts/checks', `${id}.ts`));
      expect(mod.default.meta.id).toBe(id);
    }
  });

  it('has unique rule ids', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(RULES.map((r) => [r.id, r]))('documents %s in docs/rules and the README', (id, rule) => {
    const doc = path.join(REPO, 'docs/rules', `${id}.md`);
    expect(existsSync(doc)).toBe(true);
    const text = readFileSync(doc, 'utf8');
    expect(text).toMatch(new RegExp(`^# ${id}\\n`));
    expect(text).toContain(`Default severity: ${rule.defaultSeverity}`);
    expect(readFileSync(path.join(REPO, 'README.md'), 'utf8')).toContain(`[\`${id}\`](docs/rules/${id}.md)`);
  });
});
