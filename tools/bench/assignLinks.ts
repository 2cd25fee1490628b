/**
 * Decides where every link of a generated library points. Each copy of a
 * real entry keeps the shape of its links (the same fields, the same number
 * of inline links) with every target replaced by a generated entry of the
 * same kind, so link fields only ever name kinds their `x-links-to` accepts.
 * Then every non-topic entry is made to have a published backlink (no
 * `orphan` findings), and `related` lists are grown or trimmed to reach a
 * requested link count.
 */
import type { Kind } from '../../scripts/core/loadSchemas';
import type { Random } from './createRandom';
import type { EntryTemplate } from './readTemplates';

/** One generated entry's links, by entry index. */
export interface LinkPlan {
  template: EntryTemplate;
  /** The entry chosen for each of the template's targets. */
  targets: number[];
  /** The entries each link field lists (`related` included), in order. */
  fields: Map<string, number[]>;
}

/** A cycling pool of entry indexes: successive draws spread links evenly over the pool. */
interface Pool {
  items: number[];
  cursor: number;
}

function draw(pool: Pool | undefined, used: ReadonlySet<number>): number | undefined {
  if (!pool) return undefined;
  for (let k = 0; k < pool.items.length; k++) {
    const item = pool.items[pool.cursor];
    pool.cursor = (pool.cursor + 1) % pool.items.length;
    if (!used.has(item)) return item;
  }
  return undefined;
}

/** How many links a plan holds: every ID in a link field and every inline link. */
export function countLinks(plan: LinkPlan): number {
  let n = plan.template.inline.length;
  for (const list of plan.fields.values()) n += list.length;
  return n;
}

/** Maps each entry's template targets onto generated entries of the same kinds. */
function mapTargets(kinds: readonly Kind[], templates: readonly EntryTemplate[], random: Random): LinkPlan[] {
  const pools = new Map<Kind | 'any', Pool>();
  kinds.forEach((kind, i) => {
    for (const key of [kind, 'any'] as const) {
      const pool = pools.get(key) ?? { items: [], cursor: 0 };
      pool.items.push(i);
      pools.set(key, pool);
    }
  });
  for (const pool of pools.values()) random.shuffle(pool.items);
  return templates.map((template, i) => {
    const used = new Set([i]);
    const targets = template.targets.map((t) => {
      // Too few entries of a kind to keep the targets distinct: an inline link may point anywhere; fields drop it below.
      const j = draw(pools.get(t.kind), used) ?? draw(pools.get('any'), used);
      if (j === undefined) throw new RangeError('too few entries to link');
      used.add(j);
      return j;
    });
    const fields = new Map<string, number[]>();
    for (const f of template.fields) {
      const ids = [...new Set(f.targets.map((t) => targets[t]))].filter((j) => f.kinds.includes(kinds[j]));
      fields.set(f.field, f.many ? ids : ids.slice(0, 1));
    }
    return { template, targets, fields };
  });
}

/** How many links point into each entry, from other entries. */
function countIncoming(plans: readonly LinkPlan[]): number[] {
  const incoming = new Array<number>(plans.length).fill(0);
  for (const plan of plans) {
    for (const t of plan.template.inline) incoming[plan.targets[t]]++;
    for (const list of plan.fields.values()) for (const j of list) incoming[j]++;
  }
  return incoming;
}

/** An entry other than `source` and not yet in its `related`, at random; undefined after a few misses. */
function pickRelated(plan: LinkPlan, source: number, count: number, random: Random): number | undefined {
  const related = plan.fields.get('related')!;
  for (let tries = 0; tries < 32; tries++) {
    const j = random.int(count);
    if (j !== source && !related.includes(j)) return j;
  }
  return undefined;
}

/**
 * Plans the links of `templates.length` generated entries (entry i is a copy
 * of `templates[i]`). With `targetLinks`, `related` lists are grown or
 * trimmed until the library holds exactly that many links; a RangeError says
 * when that cannot be done (too few, or more than the entries can hold).
 */
export function assignLinks(templates: readonly EntryTemplate[], random: Random, targetLinks?: number): { plans: LinkPlan[]; links: number } {
  const kinds = templates.map((t) => t.kind);
  const plans = mapTargets(kinds, templates, random);
  const incoming = countIncoming(plans);
  const count = plans.length;
  // Every published entry but a topic needs a published backlink, or it is an orphan.
  for (let j = 0; j < count; j++) {
    if (kinds[j] === 'topic' || incoming[j] > 0) continue;
    let source = random.int(count);
    while (source === j || plans[source].fields.get('related')!.includes(j)) source = (source + 1) % count;
    plans[source].fields.get('related')!.push(j);
    incoming[j]++;
  }
  let links = plans.reduce((n, plan) => n + countLinks(plan), 0);
  if (targetLinks === undefined || targetLinks === links) return { plans, links };
  const order = random.shuffle([...plans.keys()]);
  while (links !== targetLinks) {
    const before = links;
    for (const source of order) {
      if (links === targetLinks) break;
      const related = plans[source].fields.get('related')!;
      if (links < targetLinks) {
        const j = pickRelated(plans[source], source, count, random);
        if (j === undefined) continue;
        related.push(j);
        incoming[j]++;
        links++;
      } else {
        // Drop the last related link whose target keeps another backlink (topics need none).
        const at = related.findLastIndex((j) => kinds[j] === 'topic' || incoming[j] > 1);
        if (at < 0) continue;
        incoming[related[at]]--;
        related.splice(at, 1);
        links--;
      }
    }
    if (links === before) throw new RangeError(`cannot make ${count} entries hold ${targetLinks} links: they hold ${links} at the ${links > targetLinks ? 'fewest' : 'most'}`);
  }
  return { plans, links };
}
