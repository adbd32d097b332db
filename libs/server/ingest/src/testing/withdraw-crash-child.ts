/**
 * A separate process for the withdrawal crash test (bundled by the test, run with node). It opens its own chDB
 * directory, ingests two portal_visits batches (the same rows every run), prints the store's fingerprint, then
 * withdraws the second, printing each step and optionally pausing at one so the parent can SIGKILL it there; without a
 * pause it prints the fingerprint after the withdrawal too.
 *
 *   node withdraw-crash-child.js <dataDir> <pauseAt: a WithdrawStep | none>
 */
import { Readable } from 'node:stream';
import { migrate, openStore } from '@amanah/store';
import type { WithdrawStep } from '../batches.js';
import { Ingestor } from '../ingestor.js';
import { replyOf } from '../outcomes.js';
import { storeFingerprint, WITHDRAWN_KEY } from './withdraw-fingerprint.js';

const [dataDir, pauseAt = 'none'] = process.argv.slice(2);

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function step(name: WithdrawStep): Promise<void> {
  say(`step:${name}`);
  if (name === pauseAt) {
    say('paused');
    await new Promise(() => setInterval(() => undefined, 60_000)); // wait here for SIGKILL
  }
}

/** Rows i of a batch: spread over January to April 2024, two amanahs, every visitor its own. */
function visits(prefix: string, rows: number, months: readonly number[]): Readable {
  const lines = Array.from({ length: rows }, (_, i) => JSON.stringify({
    ts: `2024-0${months[i % months.length]}-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00+03:00`,
    amanah: i % 3 === 0 ? 'hail' : 'riyadh', channel: i % 2 ? 'web' : 'mobile_app', visitor_id: `${prefix}${i % 5000}`, session_id: `${prefix}s${i}`,
    page: `/p/${i % 50}`, device: i % 4 ? 'mobile' : 'desktop', source: 'direct',
  }));
  return Readable.from([Buffer.from(lines.join('\n') + '\n')]);
}

const principal = { keyId: 'withdraw-crash-test', role: 'admin' as const, amanahs: 'all' as const };

async function main(): Promise<void> {
  const store = await openStore({ kind: 'embedded', dataDir: dataDir! });
  await migrate(store);
  const ingestor = new Ingestor(store, { hooks: { withdrawStep: step } });
  const ingest = async (key: string, body: Readable) => {
    const outcome = replyOf('portal_visits', await ingestor.ingest({ dataset: 'portal_visits', format: 'ndjson', body, principal, idempotencyKey: key, maxBytes: 1e9 }));
    if (outcome.status !== 200) throw new Error(`ingest ${key}: ${outcome.status} ${JSON.stringify(outcome.answer)}`);
    return outcome.answer.batchId!;
  };
  await ingest('base', visits('b', 40_000, [1, 2, 3, 4]));
  const wrong = await ingest(WITHDRAWN_KEY, visits('w', 6_000, [2, 3]));
  say(`before ${JSON.stringify(await storeFingerprint(store))}`);
  say('withdrawing');
  await ingestor.withdraw(principal, wrong, 'sent twice by the crash test');
  say(`after ${JSON.stringify(await storeFingerprint(store))}`);
  await ingestor.close();
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
