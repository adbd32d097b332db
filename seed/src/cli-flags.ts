import { parseArgs } from 'node:util';
import { DEFAULT_SCALE, MAX_SCALE, validateScale } from './seed.js';

export const SEED_USAGE = `Usage: npm run seed -- [--scale N] [--force]
  --scale N   multiply event volumes by N (0 < N <= ${MAX_SCALE}, default ${DEFAULT_SCALE}; the published figures hold at 1)
  --force     empty the event tables first if the store already has data`;

/** The seed command's flags; unknown flags, positionals and a scale that is not a number in range are errors. */
export function parseSeedFlags(argv: string[]): { scale: number; force: boolean; help: boolean } {
  let values: { scale?: string; force?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { scale: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // Node's message names the offending flag ("Unknown option '--scal'"); keep it, drop its long tail.
    throw new Error(String((error as Error).message).split('. ')[0]!);
  }
  const raw = values.scale ?? String(DEFAULT_SCALE);
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(raw.trim())) throw new RangeError(`--scale must be a number, got "${raw}"`);
  return { scale: validateScale(Number(raw)), force: values.force ?? false, help: values.help ?? false };
}
