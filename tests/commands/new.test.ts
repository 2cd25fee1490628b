import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLibrary } from '../../scripts/pipeline/checkLibrary';
import { looksNumeric, newEntry, slugify } from '../../scripts/commands/new';
import { KINDS } from '../../scripts/core/loadSchemas';
import { entry, makeLibrary, runCli } from '../support/fixtures';

/** A random source that hands out the given hex strings in turn. */
const sequence = (...ids: string[]) => {
  let i = 0;
  return () => Buffer.from(ids[Math.min(i++, ids.length - 1)], 'hex');
};

describe('reflib new', () => {
  it.each(KINDS)('creates a %s whose required fields are placeholders that validate reports as "fill this in"', async (kind) => {
    const root = makeLibrary({ 'entries/t.yaml': entry('topic', 'aaaaaaaa') });
    const r = await newEntry({ cwd: root, kind, title: 'Magnesium and Migraine!', today: '2026-11-23' });
    expect(r.path).toMatch(new RegExp(`^entries/[a-z]+/magnesium-and-migraine\\.yaml$`));
    const text = readFileSync(path.join(root, r.path), 'utf8');
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=../../schemas/${kind}.schema.json`);
    expect(text).toContain(`id: ${r.id}\nkind: ${kind}\ntitle: Magnesium and Migraine!\nstatus: draft\nupdated: 2026-11-23\n`);
    expect(text).not.toMatch(/[&*]a\d/); // no YAML anchors or aliases
    const { result } = await checkLibrary(root);
    const rules = new Set(result.diagnostics.filter((d) => d.file === r.path).map((d) => d.rule));
    expect([...rules]).toEqual(['placeholder']);
    expect(result.diagnostics.find((d) => d.file === r.path)!.message).toBe('fill this in: summary');
  });

  it('never reuses an ID in use, retired, or one YAML would read as a number', async () => {
    const root = makeLibrary({ 'entries/t.yaml': entry('topic', 'aaaaaaaa') });
    const r = await newEntry({ cwd: root, kind: 'topic', title: 'X', random: sequence('aaaaaaaa', '12345678', '1234e567', 'bbbbbbbb') });
    expect(r.id).toBe('bbbbbbbb');
    expect(looksNumeric('00000000')).toBe(true);
    expect(looksNumeric('0e40c0c4')).toBe(false);
  });

  it('refuses to overwrite, and exits 2 from the CLI', async () => {
    const root = makeLibrary({ 'entries/t.yaml': entry('topic', 'aaaaaaaa') });
    await newEntry({ cwd: root, kind: 'topic', title: 'Same title' });
    const before = readFileSync(path.join(root, 'entries/topics/same-title.yaml'), 'utf8');
    await expect(newEntry({ cwd: root, kind: 'topic', title: 'Same title' })).rejects.toThrow(/entries\/topics\/same-title.yaml already exists/);
    expect(readFileSync(path.join(root, 'entries/topics/same-title.yaml'), 'utf8')).toBe(before);
    const r = runCli(['new', 'topic', '--title', 'Same title'], root);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, 'reflib: entries/topics/same-title.yaml already exists']);
  });

  it('prints the path from the CLI, and works in an empty library', () => {
    const root = makeLibrary({ 'entries/.keep': '' });
    const r = runCli(['new', 'misconception', '--title', 'Magnesium cures everything'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('entries/misconceptions/magnesium-cures-everything.yaml\n');
    expect(existsSync(path.join(root, 'entries/misconceptions/magnesium-cures-everything.yaml'))).toBe(true);
  });

  it.each([
    [['new', 'myth', '--title', 'x'], /unknown kind "myth"/],
    [['new', 'topic'], /new needs a title/],
    [['new'], /new needs a kind/],
  ])('rejects %j', (args, message) => {
    const r = runCli(args, makeLibrary({ 'entries/t.yaml': entry('topic', 'aaaaaaaa') }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('makes file names from titles', () => {
    expect(slugify('Gröber & the “Magnesium” question: 4–8 weeks?')).toBe('grober-the-magnesium-question-4-8-weeks');
    expect(slugify('!!!')).toBe('entry');
  });
});
