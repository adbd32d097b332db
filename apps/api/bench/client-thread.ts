// The benches' HTTP clients run in a worker thread of their own (load-clients.ts, built beside each bench as
// bench-load-clients.js), so that the clients' own work does not queue behind the API on the main thread.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { ClientPlan, ClientResult } from './load-clients.js';

/** Starts the clients of `plan`; `done` is their result, `stop` ends them early. */
export function clientThread(plan: ClientPlan): { done: Promise<ClientResult>; stop: () => void } {
  const worker = new Worker(new URL('./bench-load-clients.js', import.meta.url), { workerData: plan });
  const done = once(worker, 'message').then(async ([result]) => {
    await worker.terminate();
    if ((result as { error?: string }).error) throw new Error((result as { error: string }).error);
    return result as ClientResult;
  });
  return { done, stop: () => worker.postMessage('stop') };
}
