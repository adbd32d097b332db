import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore } from '@amanah/store/testing';
import { startApi, type ApiUnderTest } from '../analytics/testing.js';
import { PinoLoggerService } from './pino-logger.js';

// What the API logs when it refuses a request, and when something breaks, over real HTTP with the real logger.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let api: ApiUnderTest;
const output: string[] = [];
const logged = () => output.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
// Lines written while the request was answered; refusals are logged before the answer is sent.
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

beforeAll(async () => {
  store = await openTestStore();
  const stream = new Writable({
    write(chunk, _encoding, done) {
      output.push(String(chunk));
      done();
    },
  });
  api = await startApi(store, { logger: new PinoLoggerService(pino({ level: 'info' }, stream)) });
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});
beforeEach(() => {
  output.length = 0;
});

const HUGE = 'x'.repeat(100_000);
const KPI = 'query ($metric: ID!) { kpi(metric: $metric, range: {from: "2024-01-01", to: "2024-01-31"}) { value } }';

describe('refusals are one line at info or warn, without a stack, and echo at most 200 characters of the input', () => {
  it('a 100 KB bad argument: an error message under 1 KB, one info line of about as much', async () => {
    const { errors } = await api.graphql(KPI, { metric: HUGE });
    expect(errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toContain(`Unknown metric "${'x'.repeat(200)}…"`);
    expect(errors![0]!.message.length).toBeLessThanOrEqual(1_001);
    await settle();
    expect(output.join('').length).toBeLessThan(2_000);
    expect(logged()).toEqual([expect.objectContaining({ level: 30, context: 'GraphQL', code: 'BAD_USER_INPUT', path: 'kpi' })]);
    expect(logged()[0]).not.toHaveProperty('stack');
    expect(logged()[0]).not.toHaveProperty('err');
  });

  it('a 100 KB value graphql-js itself refuses (an enum variable), quoted twice in its message', async () => {
    const { errors } = await api.graphql('query ($c: Comparison) { amanahs { id } kpi(metric: "office.visits", range: {from: "2024-01-01", to: "2024-01-31"}, compare: $c) { value } }', { c: HUGE });
    expect(errors![0]!.message.length).toBeLessThan(1_000);
    await settle();
    expect(output.join('').length).toBeLessThan(2_000);
    expect(logged()).toHaveLength(1);
  });

  it('an unauthenticated GraphQL call: one warn line, no stack', async () => {
    const { errors } = await api.graphql('{ amanahs { id } }', {}, null);
    expect(errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    await settle();
    const lines = logged();
    expect(lines).toEqual([expect.objectContaining({ level: 40, code: 'UNAUTHENTICATED', msg: errors![0]!.message })]);
    expect(lines[0]).not.toHaveProperty('stack');
    expect(lines[0]).not.toHaveProperty('err');
  });

  it('an unauthenticated REST call: one warn line with the status and path', async () => {
    expect((await fetch(`${api.url}/api/session`)).status).toBe(401);
    await settle();
    expect(logged()).toEqual([expect.objectContaining({ level: 40, context: 'Http', status: 401, method: 'GET', path: '/api/session' })]);
    expect(logged()[0]).not.toHaveProperty('stack');
  });

  it('a GraphQL body over the JSON limit: 413 as JSON and one info line (Express used to print a stack to stderr)', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ ${'y'.repeat(300_000)} }` }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ statusCode: 413, message: 'request entity too large' });
    await settle();
    expect(logged()).toEqual([expect.objectContaining({ level: 30, status: 413, path: '/graphql' })]);
  });
});

describe('unexpected errors', () => {
  it('keep their stack, at error level, once', async () => {
    await store.close(); // every query now fails inside the store: an outage, not the client's mistake
    const { errors } = await api.graphql('{ amanahs { id } }');
    expect(errors![0]!.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    await settle();
    const errorsLogged = logged().filter((line) => line.level === 50);
    expect(errorsLogged).toHaveLength(1);
    expect(errorsLogged[0]!.stack).toEqual(expect.stringContaining('\n    at '));
  });
});
