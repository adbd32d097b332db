import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postWebhook } from './webhooks.js';

// A receiver that answers its status line one byte at a time: the socket is never idle and the answer never complete,
// so only a deadline on the whole exchange ends it (a delivery worker must not be held by it).
let server: net.Server;
let url: string;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  server = net.createServer((socket) => {
    sockets.add(socket);
    const line = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n');
    let sent = 0;
    const drip = setInterval(() => {
      if (sent < line.length) socket.write(line.subarray(sent, ++sent));
      else socket.write('X-Slow: 1\r\n');
    }, 50);
    socket.on('close', () => clearInterval(drip));
    socket.on('error', () => clearInterval(drip));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

it('gives up on a receiver that answers slowly at the deadline of the whole exchange, not only of an idle socket', async () => {
  const started = performance.now();
  const error = await postWebhook({ url, body: '{}', secret: 'secret', allowedHosts: ['127.0.0.1'], timeoutMs: 600 }).then(
    () => undefined,
    (e: unknown) => e,
  );
  const ms = performance.now() - started;
  expect(error).toBeInstanceOf(Error);
  expect(ms).toBeGreaterThanOrEqual(550);
  expect(ms).toBeLessThan(3_000);
});
