/**
 * The real library: it validates clean, and nothing in the seed entry (the
 * stress–magnesium vicious circle) is lost in the model.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLibrary, type CheckedLibrary } from '../scripts/pipeline/checkLibrary';
import { REPO } from './support/fixtures';

type Data = Record<string, any>;

let checked: CheckedLibrary;
const byId = new Map<string, Data>();
beforeAll(async () => {
  checked = await checkLibrary(REPO);
  for (const e of checked.library.entries) byId.set(e.id!, e.data as Data);
});

const STRESS = '033c7bbb';
const FORMS = '3ca17b72';

describe('the real library', () => {
  it('validates with no errors; the only warnings are honest citation statuses', () => {
    expect(checked.result.summary.errors).toBe(0);
    expect(checked.valid).toHaveLength(checked.library.files.length);
    expect(new Set(checked.result.diagnostics.map((d) => `${d.severity} ${d.rule}`))).toEqual(new Set(['warning pmid-unverified', 'warning pmid-erratum']));
  });

  it('reports every cited PMID as unverified (none was fetched), never silently verified', () => {
    const cited = checked.valid.flatMap((e) => ((e.data as Data).references as Data[]).filter((r) => r.type === 'article').map((r) => `${e.file.path} ${r.pmid}`));
    // Per citation site: the report groups them by PMID (groupByPmid.ts).
    const unverified = checked.sites.filter((d) => d.rule === 'pmid-unverified').map((d) => `${d.file} ${d.data!.pmid}`);
    expect(unverified.sort()).toEqual(cited.sort());
    // Seeded from notes of others' citations, with no page and date recorded: corroborated, and no more (docs/pubmed-lock.md).
    for (const record of Object.values(checked.lock.records)) expect(record.source.type).toBe('corroborated');
  });

  it('flags the paper whose erratum nobody has read yet wherever it is cited', () => {
    // DiNicolantonio 2018's erratum (29634047) was read and acknowledged in the content audit (docs/content-audit.md);
    // Hausenblas 2024's (40567408) could not be read, so it stays flagged.
    const errata = checked.result.diagnostics.filter((d) => d.rule === 'pmid-erratum').map((d) => d.message.slice(0, 14));
    expect(new Set(errata)).toEqual(new Set(['PMID 39252819 ']));
  });

  it('has at least 15 entries covering all five kinds, as the foundation asks', () => {
    const kinds = new Map<string, number>();
    for (const d of byId.values()) kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
    expect(byId.size).toBeGreaterThanOrEqual(15);
    expect(kinds.get('topic')).toBeGreaterThanOrEqual(3);
    expect(kinds.get('form-comparison')).toBeGreaterThanOrEqual(1);
    expect(kinds.get('interaction')).toBeGreaterThanOrEqual(6);
    expect(kinds.get('population-caution')).toBeGreaterThanOrEqual(4);
    expect(kinds.get('misconception')).toBeGreaterThanOrEqual(4);
  });

  it('only cites PMIDs from the checked bibliography (shared/references.md)', () => {
    const allowed = [33260549, 27933574, 23853635, 20152124, 29387426, 15650465, 39252819, 26404370, 33865376];
    for (const d of byId.values()) for (const r of d.references) if (r.type === 'article') expect(allowed).toContain(r.pmid);
  });
});

describe('the seed entry: stress and magnesium, the vicious circle', () => {
  const stress = () => byId.get(STRESS)!;
  const linked = (field: string) => (stress()[field] as string[]).map((id) => byId.get(id)!);

  it('holds the HRV trial: 100 participants, 90 days, 400 mg/day, pNN50', () => {
    const trial = stress().evidence.find((e: Data) => e.cite.includes('wienecke2016'));
    expect(trial).toMatchObject({ participants: 100, duration: { value: 90, unit: 'day' }, dose: { value: 400, unit: 'mg/day' } });
    expect(trial.outcome).toMatch(/pNN50/);
    expect(stress().references.find((r: Data) => r.key === 'wienecke2016')).toMatchObject({ pmid: 27933574, journal: 'MMW Fortschr Med' });
  });

  it('holds the Sanofi conflict of interest, declared and surfaced to readers', () => {
    const pickering = stress().references.find((r: Data) => r.pmid === 33260549);
    expect(pickering.coi).toMatchObject({ status: 'declared', sponsors: ['Sanofi'] });
    const funding = stress().caveats.filter((c: Data) => c.type === 'funding');
    expect(funding.some((c: Data) => /Sanofi/.test(c.text) && c.cite.includes(pickering.key))).toBe(true);
  });

  it('holds both directions of the mechanism', () => {
    expect(stress().mechanisms.map((m: Data) => [m.from, m.to])).toEqual([
      ['stress', 'magnesium loss'],
      ['low magnesium', 'amplified stress response'],
    ]);
  });

  it('links to the form comparison 3ca17b72, which keeps 144 mg elemental apart from 1.5–2 g of salt', () => {
    expect(stress().forms).toContain(FORMS);
    const threonate = byId.get(FORMS)!.forms.find((f: Data) => /threonate/i.test(f.form));
    expect(threonate.elemental).toMatchObject({ amount: { value: 144, unit: 'mg' }, per_salt: { min: 1.5, max: 2, unit: 'g' } });
  });

  it('holds the eGFR below 30 threshold through its kidney caution', () => {
    const thresholds = linked('cautions').map((c) => c.threshold).filter(Boolean);
    expect(thresholds).toContainEqual(expect.objectContaining({ measure: 'eGFR', comparator: '<', value: 30 }));
  });

  it('holds the 4–8 weeks before judging wearable HRV trends', () => {
    expect(stress().guidance).toContainEqual(expect.objectContaining({ timeframe: { min: 4, max: 8, unit: 'week' } }));
  });

  it('holds the interactions with ashwagandha and phosphatidylserine, and the medication contexts', () => {
    const agents = linked('interactions').map((i) => i.agents.join(' + ').toLowerCase());
    for (const agent of ['ashwagandha', 'phosphatidylserine', 'corticosteroid', 'diuretic', 'alcohol']) {
      expect(agents.some((a) => a.includes(agent))).toBe(true);
    }
    expect(stress().tags.medications).toEqual(expect.arrayContaining(['corticosteroids', 'loop-diuretics']));
  });

  it('holds the two misconceptions, each pointing back at this topic', () => {
    const claims = linked('misconceptions');
    expect(claims.some((m) => /resolve/i.test(m.claim) && /stress/i.test(m.claim) && /unaddressed|without/i.test(m.claim))).toBe(true);
    expect(claims.some((m) => /HRV/.test(m.claim) && /dramatic/i.test(m.claim))).toBe(true);
    for (const m of claims) expect(m.corrects).toBe(STRESS);
  });

  it('holds the populations: kidney disease, older adults, athletes, pregnancy', () => {
    expect(linked('cautions').map((c) => c.population.toLowerCase()).join(' | ')).toMatch(/kidney.*older.*athlet.*pregnan/);
  });
});

describe('the real library layout', () => {
  it('is in the canonical layout (reflib fmt --check)', async () => {
    const { fmt } = await import('../scripts/commands/fmt');
    const r = await fmt({ cwd: REPO, check: true });
    expect([r.exitCode, r.changed]).toEqual([0, []]);
  });
});
