// One NDJSON upload of portal visits over HTTP from a thread of its own, as the load bench and the ingest-with-readers
// bench send it.
import { uploadFromThread } from '@amanah/ingest/testing';

/** portal_visits rows dated 2012, a year no probe and no dashboard range reads: the readers' answers stay the same. */
function ndjsonBody(offset: number, rows: number, sessionPrefix: string): Blob {
  const amanahs = ['riyadh', 'makkah', 'jeddah', 'madinah', 'eastern', 'qassim'];
  const lines: string[] = [];
  for (let n = 0; n < rows; n += 1) {
    const i = offset + n;
    lines.push(JSON.stringify({
      ts: `2012-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00+03:00`,
      amanah: amanahs[i % amanahs.length], channel: i % 2 ? 'web' : 'mobile_app', visitor_id: `visitor-${i % 50_000}`, session_id: `${sessionPrefix}-${i}`,
      page: `/services/${i % 40}/details`, device: ['desktop', 'mobile', 'tablet'][i % 3], source: ['direct', 'search', 'social'][i % 3],
    }));
  }
  return new Blob([lines.join('\n') + '\n']);
}

/** Uploads `rows` visits from `offset`; throws unless all were inserted. Seconds and CPU are this process's. */
export async function uploadVisits(url: string, key: string, offset: number, rows: number, options: { idempotencyKey: string; sessionPrefix: string }) {
  const bytes = await ndjsonBody(offset, rows, options.sessionPrefix).arrayBuffer();
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson', 'idempotency-key': options.idempotencyKey };
  const cpu = process.cpuUsage();
  const result = await uploadFromThread<{ rowsInserted?: number }>(`${url}/api/ingest/portal_visits`, headers, bytes);
  if (result.status !== 200 || result.answer.rowsInserted !== rows) throw new Error(`ingest: ${result.status} ${JSON.stringify(result.answer).slice(0, 500)}`);
  const { user, system } = process.cpuUsage(cpu);
  const seconds = (result.ended - result.started) / 1000;
  return { seconds, rowsPerSecond: rows / seconds, started: result.started, ended: result.ended, cpuSeconds: (user + system) / 1e6 };
}
