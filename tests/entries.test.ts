/**
 * The real library: it validates clean, and nothing in the seed entry (the
 * stress–magnesium vicious circle) is lost in the model.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLibrary, type CheckedLibrary } from '../scripts/pipeline/checkLibrary';
import { compileLibrary } from '../scripts/release/compileLibrary';
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
    expect(new Set(checked.result.diagnostics.map((d) => `${d.severity} ${d.rule}`))).toEqual(new Set(['warning pmid-unverified']));
    // At most one finding per PMID (groupByPmid.ts), so a real problem does not drown.
    const pmids = checked.result.diagnostics.map((d) => d.data?.pmid);
    expect(new Set(pmids).size).toBe(pmids.length);
  });

  it('cites only PMIDs someone checked on a named page (transcribed), each reported as such, never as verified', () => {
    const cited = checked.valid.flatMap((e) => ((e.data as Data).references as Data[]).filter((r) => r.type === 'article').map((r) => `${e.file.path} ${r.pmid}`));
    // Per citation site: the report groups them by PMID (groupByPmid.ts).
    const unverified = checked.sites.filter((d) => d.rule === 'pmid-unverified').map((d) => `${d.file} ${d.data!.pmid}`);
    expect(unverified.sort()).toEqual(cited.sort());
    for (const site of cited) expect(checked.lock.records[site.split(' ')[1]].source.type).toBe('transcribed');
    // The three PMIDs no page showed stay corroborated, and no entry cites them by PMID (pmid-unchecked would fail the build).
    const corroborated = Object.values(checked.lock.records).filter((r) => r.source.type === 'corroborated').map((r) => Number(r.pmid));
    expect(corroborated.sort()).toEqual([15650465, 20152124, 27933574]);
    for (const site of cited) expect(corroborated).not.toContain(Number(site.split(' ')[1]));
  });

  it('records every erratum PubMed lists, and says whether an editor has read it', () => {
    expect(checked.result.diagnostics.filter((d) => d.rule === 'pmid-erratum' || d.rule === 'pmid-retracted')).toEqual([]);
    const notices = new Map<number, Data>();
    for (const d of byId.values()) for (const r of d.references) for (const n of r.notices ?? []) notices.set(n.pmid, n);
    // Neither notice's text was available (docs/content-audit.md): both are shown to readers as unread.
    expect([...notices.keys()].sort()).toEqual([29634047, 40567408]);
    for (const n of notices.values()) expect(n.read).toBe(false);
  });

  it('gives every reference to a study a looked-up COI status with where it was looked', () => {
    for (const d of byId.values()) {
      for (const r of d.references as Data[]) {
        if (r.type === 'web' && !r.coi) continue;
        expect(['declared', 'none-declared', 'not-found']).toContain(r.coi.status);
        expect(r.coi.sources.length).toBeGreaterThan(0);
        for (const s of r.coi.sources) expect(s).toMatchObject({ url: expect.stringMatching(/^https?:\/\//), accessed: '2026-12-06' });
      }
    }
  });

  it('ships full author lists and English titles', () => {
    const compiled = compileLibrary(checked);
    const refs = new Map<string, Data>();
    for (const e of compiled.entries) for (const r of (e.references as Data[]) ?? []) refs.set(r.key, r);
    const articles = [...refs.values()].filter((r) => r.type === 'article');
    expect(articles.length).toBe(6);
    for (const a of articles) expect(a.authorsComplete).toBe(true);
    expect(refs.get('pickering2020')!.authors).toHaveLength(8);
    expect(refs.get('hausenblas2024')!.authors.at(-1)).toBe('Gu J');
    expect(refs.get('wienecke2016')).toMatchObject({ title: 'Langzeit-HRV-Analyse zeigt Stressreduktion durch Magnesiumzufuhr', titleEnglish: 'Long-term HRV analysis shows stress reduction by magnesium intake' });
    // Notes for editors never reach the bundle; notes for readers do.
    const text = JSON.stringify(compiled.entries);
    expect(text).not.toContain('"note":"Cited by its publisher');
    expect(refs.get('ods-magnesium')!.readerNote).toMatch(/access date is the day this entry was first written/);
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
    // Cited by the publisher's page until PMID 27933574 is checked (docs/content-audit.md).
    expect(stress().references.find((r: Data) => r.key === 'wienecke2016')).toMatchObject({ type: 'web', url: 'https://link.springer.com/article/10.1007/s15006-016-9054-7' });
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

  it('links to the form comparison 3ca17b72, which keeps elemental magnesium apart from the mass of salt, with a source', () => {
    expect(stress().forms).toContain(FORMS);
    const threonate = byId.get(FORMS)!.forms.find((f: Data) => /threonate/i.test(f.form));
    // The seed's "144 mg per 1.5–2 g" had no source; EFSA's opinion gives about 250 mg of magnesium in 3 g (docs/content-audit.md).
    expect(threonate.elemental).toMatchObject({ amount: { value: 250, unit: 'mg' }, per_salt: { value: 3, unit: 'g' }, cite: ['efsa2024'] });
    // Nowhere a reader sees (editors' notes record the old figure, and are not shipped).
    expect(JSON.stringify(compileLibrary(checked).entries)).not.toMatch(/144 mg/);
  });

  it('holds the eGFR below 30 threshold through its kidney caution', () => {
    const thresholds = linked('cautions').map((c) => c.threshold).filter(Boolean);
    expect(thresholds).toContainEqual(expect.objectContaining({ measure: 'eGFR', comparator: '<', value: 30 }));
  });

  it('replaces the seed\'s uncited 4–8 weeks with the cited 90-day trial (no source gives a waiting time)', () => {
    const hrv = stress().guidance.find((g: Data) => /HRV/.test(g.text));
    expect(hrv).toMatchObject({ cite: ['wienecke2016'] });
    expect(hrv.text).toMatch(/90 days/);
    expect(JSON.stringify(stress())).not.toMatch(/4 to 8 weeks|4–8 weeks/);
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
