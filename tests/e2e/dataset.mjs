// An independent reading of a civicmap/1 dataset, for the end-to-end tests to
// compute the counts the app must show (not the app's own code: plain JS over
// the served JSON file, following ../shared/docs/product.md).

/** Fetches and parses a served dataset (e.g. `data/civic-tech-fr.json`). */
export async function loadDataset(baseUrl, path = 'data/civic-tech-fr.json') {
  const res = await fetch(new URL(path, baseUrl));
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
  return res.json();
}

/** Visible actors and links for a filter `{ type: [...], objective: [...] }` (absent = all). */
export function expectedCounts(dataset, { type, objective, ecosystem } = {}) {
  const keep = (a) =>
    (!type || type.includes(a.type)) &&
    (!objective || (a.objectives ?? []).some((o) => objective.includes(o))) &&
    (!ecosystem || (a.ecosystems ?? []).some((e) => ecosystem.includes(e)));
  const visible = new Set(dataset.actors.filter(keep).map((a) => a.id));
  const links = dataset.links.filter((l) => visible.has(l.source) && visible.has(l.target));
  return { actors: visible.size, links: links.length };
}

/**
 * A type and an objective (taxonomy order) such that choosing the type narrows
 * the map and choosing the objective narrows it further without emptying it.
 */
export function pickTypeAndObjective(dataset) {
  const total = dataset.actors.length;
  for (const t of dataset.taxonomy.actor_types) {
    const byType = expectedCounts(dataset, { type: [t.id] }).actors;
    if (byType === 0 || byType === total) continue;
    for (const o of dataset.taxonomy.objectives ?? []) {
      const both = expectedCounts(dataset, { type: [t.id], objective: [o.id] }).actors;
      if (both > 0 && both < byType) return { type: t.id, objective: o.id };
    }
  }
  throw new Error('no type/objective pair narrows this dataset');
}

/** Actors within `depth` links of `id`, in either direction (the actor included). */
export function neighbourhood(dataset, id, depth) {
  const seen = new Set([id]);
  let frontier = [id];
  for (let d = 0; d < depth; d += 1) {
    const next = [];
    for (const l of dataset.links) {
      for (const [a, b] of [[l.source, l.target], [l.target, l.source]]) {
        if (frontier.includes(a) && !seen.has(b)) {
          seen.add(b);
          next.push(b);
        }
      }
    }
    frontier = next;
  }
  return seen;
}
