import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback (smtp-server) that parses every message it accepts (mailparser). */
export async function startMailCatcher(): Promise<{ url: string; mails: ParsedMail[]; close(): Promise<void>; waitFor(count: number): Promise<void> }> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    waitFor: (count) => waitUntil(() => mails.length >= count, `${count} e-mails`),
  };
}

export interface ReceivedHook {
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** A real HTTP receiver on loopback; `status` is what it answers (a test sets 500 to see retries). */
export async function startWebhookReceiver(): Promise<{ url: string; hooks: ReceivedHook[]; status: { code: number; location?: string }; close(): Promise<void> }> {
  const hooks: ReceivedHook[] = [];
  const status: { code: number; location?: string } = { code: 204 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      hooks.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(status.code, status.location ? { Location: status.location } : {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hooks, status, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function waitUntil(done: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!(await done())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A dashboards folder with one small dashboard (office visits, its KPI widgets), for reports in tests. */
export function testDashboardsDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'delivery-dashboards-'));
  writeFileSync(
    path.join(dir, 'offices.json'),
    JSON.stringify({
      id: 'offices',
      title: { ar: 'زيارات المكاتب', en: 'Office visits' },
      description: { ar: 'زيارات المراجعين', en: 'In-person visits' },
      audience: 'decision_makers',
      defaults: { preset: 'last_month', compare: 'PREVIOUS_PERIOD', granularity: 'MONTH' },
      widgets: [
        { id: 'office-visits', type: 'kpi', metric: 'office.visits' },
        { id: 'visits-ranking', type: 'ranking', metric: 'office.visits' },
      ],
    }),
  );
  return dir;
}

/** A settable clock. */
export class TestClock {
  constructor(private instant: Date) {}
  now(): Date {
    return new Date(this.instant);
  }
  set(iso: string): void {
    this.instant = new Date(iso);
  }
}
