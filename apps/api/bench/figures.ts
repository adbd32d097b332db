/** A dashboard's figures by name (`metric what [key] [date]`), as numbers; null where a figure has no value. */
export type Figures = Map<string, number | null>;

/** Two numbers of one figure agree to 1e-9 relative (a double and PostgreSQL's numeric), or within a declared %. */
const EXACT_RELATIVE = 1e-9;

/**
 * How two answers to the same dashboard differ: figures only one side has, and values further apart than the
 * tolerance (relative, in %, per figure; exact otherwise). Empty when they agree.
 */
export function compareFigures(ours: Figures, theirs: Figures, tolerancePct: ReadonlyMap<string, number> = new Map()): string[] {
  const differences: string[] = [];
  for (const key of new Set([...ours.keys(), ...theirs.keys()])) {
    if (!ours.has(key) || !theirs.has(key)) {
      differences.push(`${key}: only ${ours.has(key) ? 'ours' : 'theirs'} (${ours.get(key) ?? theirs.get(key)})`);
      continue;
    }
    const a = ours.get(key)!;
    const b = theirs.get(key)!;
    if (a === null || b === null) {
      if (a !== b) differences.push(`${key}: ours ${a}, theirs ${b}`);
      continue;
    }
    const allowed = Math.max(Math.abs(a), Math.abs(b)) * ((tolerancePct.get(key) ?? 0) / 100 || EXACT_RELATIVE);
    if (Math.abs(a - b) > allowed) differences.push(`${key}: ours ${a}, theirs ${b}`);
  }
  return differences;
}
