// The load bench's clients (dist/node/bench-load/bench-load-clients.js): a worker thread of their own, so that the
// clients' JSON and sockets are not work of the API's event loop (they still share the machine's cores).
// workerData is a ClientPlan; the thread posts back one ClientResult and ends.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export interface ProbeSpec {
  name: string;
  key: string;
  query: string;
  variables?: Record<string, unknown>;
  /** The idle answer's `data`, as JSON. */
  idle: string;
}

export interface ClientPlan {
  url: string;
  /** Stop starting requests after this many ms; every loop is also bounded by maxRequestsPerClient. */
  durationMs: number;
  maxRequestsPerClient: number;
  honorRetryAfter: boolean;
  /**
   * Each client loops on its key with requests from `request` (dashboard, simple), or cycles the probes; `warm` cycles
   * `variables` (views already in the answer cache) with `query`.
   */
  mode: 'dashboard' | 'simple' | 'probes' | 'warm';
  /** warm: the views each client cycles through. */
  variables?: Array<Record<string, unknown>>;
  /**
   * warm: this thread's clients of one key together start at most this many requests a second (a client waits for its
   * key's next slot), so that keys stay within their rate limit as a well-behaved client does.
   */
  perKeyPerSecond?: number;
  clients: Array<{ key: string; amanahs: readonly string[] | 'all' }>;
  query?: string;
  probes?: ProbeSpec[];
  seed: number;
}

export interface Sample {
  /** Absolute start and end (ms, performance.timeOrigin + now), comparable across threads. */
  start: number;
  end: number;
  status: number;
  /** 'ok' or the refusal: HTTP status and GraphQL extensions.code, e.g. "429 RATE_LIMITED". */
  kind: string;
  cacheable?: boolean;
}

export interface ClientResult {
  samples: Sample[];
  probes?: { equal: number; refused: number; wrong: number; otherErrors: number; wrongExamples: string[] };
}

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small deterministic PRNG (mulberry32), so runs send the same mix. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Half the requests from a few fixed variants (cache hits after the first), half with a random range (misses). */
function dashboardVariables(rand: () => number, amanahs: readonly string[] | 'all'): { variables: Record<string, unknown>; cacheable: boolean } {
  const cacheable = rand() < 0.5;
  let range: Record<string, string>;
  if (cacheable) {
    const fixed: Array<Record<string, string>> = [{ preset: 'last_year' }, { preset: 'last_year' }, { from: '2025-01-01', to: '2025-06-30' }, { from: '2024-07-01', to: '2025-06-30' }];
    range = fixed[Math.floor(rand() * fixed.length)]!;
  } else {
    const from = Date.UTC(2023, 0, 1) + Math.floor(rand() * 900) * DAY;
    const to = Math.min(from + (30 + Math.floor(rand() * 335)) * DAY, Date.UTC(2025, 11, 31));
    range = { from: isoDay(from), to: isoDay(to) };
  }
  // A key with one amanah sends no filter (its scope is the filter); an all-amanah key sometimes narrows to one.
  const filters = amanahs === 'all' && !cacheable && rand() < 0.4 ? [{ dimension: 'amanah', values: [['riyadh', 'jeddah', 'eastern', 'tabuk'][Math.floor(rand() * 4)]!] }] : undefined;
  return { variables: { range, compare: 'PREVIOUS_PERIOD', granularity: 'MONTH', filters }, cacheable };
}

/** A simple KPI over roughly H1 2024, its ends moved by up to a month so that few requests are cache hits. */
function simpleVariables(rand: () => number): Record<string, unknown> {
  return { from: isoDay(Date.UTC(2024, 0, 1) + Math.floor(rand() * 31) * DAY), to: isoDay(Date.UTC(2024, 5, 30) - Math.floor(rand() * 31) * DAY) };
}

interface Answer {
  status: number;
  retryAfter: number;
  kind: string;
  data: unknown;
  hasErrors: boolean;
}

async function post(url: string, key: string, query: string, variables: unknown): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    /* a non-JSON answer is classified by its status */
  }
  const codes = [...new Set((body.errors ?? []).map((error) => error.extensions?.code ?? 'NO_CODE'))].sort();
  const ok = response.status === 200 && codes.length === 0;
  return {
    status: response.status,
    retryAfter: Number(response.headers.get('retry-after') ?? 0),
    kind: ok ? 'ok' : `${response.status}${codes.length ? ` ${codes.join('+')}` : ''}`,
    data: body.data,
    hasErrors: codes.length > 0,
  };
}

/**
 * warm: node:http with kept-alive sockets, lighter than fetch, so that the clients take less of the API's CPU. An idle
 * socket is closed after 4 s, before the server's keep-alive timeout (Node's 5 s) closes it under a request just sent
 * ("socket hang up"), as browsers and proxies avoid it.
 */
const agent = new http.Agent({ keepAlive: true, timeout: 4_000 });

function postBody(url: URL, key: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${key}` } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          const retryAfter = Number(response.headers['retry-after'] ?? 0);
          // Apollo writes `errors` before `data`: an answer without errors starts with its data.
          if (status === 200 && text.startsWith('{"data":{')) {
            resolve({ status, retryAfter, kind: 'ok', data: undefined, hasErrors: false });
            return;
          }
          let codes: string[] = [];
          try {
            const parsed = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> };
            codes = [...new Set((parsed.errors ?? []).map((error) => error.extensions?.code ?? 'NO_CODE'))].sort();
          } catch {
            /* a non-JSON answer is classified by its status */
          }
          resolve({ status, retryAfter, kind: `${status}${codes.length ? ` ${codes.join('+')}` : ' NO_DATA'}`, data: undefined, hasErrors: true });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const REFUSAL_CODES = new Set(['QUERY_TIMEOUT', 'OVERLOADED', 'COST_LIMIT', 'COST_BUDGET', 'RATE_LIMITED']);

async function run(plan: ClientPlan): Promise<ClientResult> {
  const url = `${plan.url}/graphql`;
  const warmBodies = (plan.variables ?? []).map((variables) => JSON.stringify({ query: plan.query, variables }));
  let stopAt = now() + plan.durationMs;
  // 'stop' from the parent ends every loop after its request in flight.
  parentPort?.on('message', (message) => {
    if (message === 'stop') stopAt = 0;
  });
  const samples: Sample[] = [];
  const probes = { equal: 0, refused: 0, wrong: 0, otherErrors: 0, wrongExamples: [] as string[] };

  /** warm: the next free slot of each key (ms), shared by this thread's clients of the key. */
  const nextSlot = new Map<string, number>();
  const paced = async (key: string) => {
    if (!plan.perKeyPerSecond) return;
    const slot = Math.max(now(), nextSlot.get(key) ?? 0);
    nextSlot.set(key, slot + 1000 / plan.perKeyPerSecond);
    if (slot > now()) await sleep(slot - now());
  };

  const loop = async (client: ClientPlan['clients'][number], index: number) => {
    const rand = random(plan.seed * 1000 + index);
    for (let i = 0; i < plan.maxRequestsPerClient && now() < stopAt; i++) {
      if (plan.mode === 'warm') {
        await paced(client.key);
        if (now() >= stopAt) break;
      }
      const start = now();
      let answer: Answer;
      let cacheable: boolean | undefined;
      let probe: ProbeSpec | undefined;
      try {
        if (plan.mode === 'probes') {
          probe = plan.probes![(index + i) % plan.probes!.length]!;
          answer = await post(url, probe.key, probe.query, probe.variables);
        } else if (plan.mode === 'warm') {
          answer = await postBody(new URL(url), client.key, warmBodies[(index + i) % warmBodies.length]!);
        } else if (plan.mode === 'dashboard') {
          const made = dashboardVariables(rand, client.amanahs);
          cacheable = made.cacheable;
          answer = await post(url, client.key, plan.query!, made.variables);
        } else {
          answer = await post(url, client.key, plan.query!, simpleVariables(rand));
        }
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        answer = { status: 0, retryAfter: 0, kind: `network ${(error as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`, data: undefined, hasErrors: true };
      }
      samples.push({ start, end: now(), status: answer.status, kind: answer.kind, cacheable });
      if (probe) {
        const code = answer.kind.split(' ')[1] ?? '';
        if (answer.kind === 'ok') {
          const data = JSON.stringify(answer.data);
          if (data === probe.idle) probes.equal++;
          else {
            probes.wrong++;
            if (probes.wrongExamples.length < 5) probes.wrongExamples.push(`${probe.name}: ${data.slice(0, 300)} (idle ${probe.idle.slice(0, 300)})`);
          }
        } else if (code.split('+').every((c) => REFUSAL_CODES.has(c)) && code !== '') {
          // A refusal must not come with data passed off as an answer.
          if (answer.data !== undefined && answer.data !== null && JSON.stringify(answer.data) !== probe.idle && !/^\{("\w+":null,?)*\}$/.test(JSON.stringify(answer.data))) {
            probes.wrong++;
            if (probes.wrongExamples.length < 5) probes.wrongExamples.push(`${probe.name} (refused ${code}): ${JSON.stringify(answer.data).slice(0, 300)}`);
          } else probes.refused++;
        } else probes.otherErrors++;
      }
      if (plan.honorRetryAfter && (answer.status === 429 || answer.status === 503) && answer.retryAfter > 0) {
        await sleep(Math.max(0, Math.min(answer.retryAfter * 1000, 1000, stopAt - now())));
      }
      if (plan.mode === 'probes') await sleep(20);
    }
  };
  await Promise.all(plan.clients.map((client, index) => loop(client, index)));
  agent.destroy();
  return { samples, probes: plan.mode === 'probes' ? probes : undefined };
}

if (parentPort) {
  run(workerData as ClientPlan).then(
    (result) => parentPort!.postMessage(result),
    (error: unknown) => parentPort!.postMessage({ error: String(error) }),
  );
}
