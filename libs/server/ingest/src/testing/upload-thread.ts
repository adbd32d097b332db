import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/** An upload's answer, timed on the clock every thread of a process shares (`performance.timeOrigin + now()`). */
export interface Upload<Answer> {
  started: number;
  ended: number;
  status: number;
  answer: Answer;
}

// Plain JavaScript run by `new Worker(…, { eval: true })`: no bundling, no TypeScript.
const UPLOADER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const started = performance.timeOrigin + performance.now();
  const response = await fetch(workerData.url, { method: 'POST', headers: workerData.headers, body: workerData.body });
  const answer = await response.json();
  parentPort.postMessage({ started, ended: performance.timeOrigin + performance.now(), status: response.status, answer });
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

/**
 * POSTs a body from a thread of its own, as an uploader would from a process of its own: sending 100 MB is then not
 * work of the server's event loop (it still shares the machine's cores). The body is moved to the thread. Used by the
 * ingest bench and the API's hostile-load bench.
 */
export async function uploadFromThread<Answer>(url: string, headers: Record<string, string>, body: ArrayBuffer): Promise<Upload<Answer>> {
  const uploader = new Worker(UPLOADER, { eval: true, workerData: { url, headers, body }, transferList: [body] });
  try {
    const [result] = (await once(uploader, 'message')) as [Upload<Answer> & { error?: string }];
    if (result.error) throw new Error(result.error);
    return result;
  } finally {
    await uploader.terminate();
  }
}
