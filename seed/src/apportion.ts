/**
 * Splits an integer total into integer parts proportional to the weights (largest-remainder method), so that the
 * parts always add up to the total exactly. Ties go to the earlier index, which keeps the result deterministic.
 * With no positive weight the total is spread evenly.
 */
export function apportion(total: number, weights: ArrayLike<number>): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`apportion: total must be a non-negative integer, got ${total}`);
  const n = weights.length;
  if (n === 0) {
    if (total === 0) return [];
    throw new Error(`apportion: cannot split ${total} over no parts`);
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.max(0, weights[i]!);
  const parts = new Array<number>(n);
  const remainders = new Array<number>(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = sum > 0 ? (total * Math.max(0, weights[i]!)) / sum : total / n;
    parts[i] = Math.floor(exact);
    remainders[i] = exact - parts[i]!;
    given += parts[i]!;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => remainders[b]! - remainders[a]! || a - b);
  for (let k = 0; given < total; k++, given++) parts[order[k % n]!]! += 1;
  return parts;
}
