import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { PinoLoggerService } from './pino-logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = new PinoLoggerService(pino({ level: 'trace', base: undefined, timestamp: false }, stream));
  return { logger, lines };
}

describe('PinoLoggerService', () => {
  it("turns Nest's trailing context argument into a field", () => {
    const { logger, lines } = capture();
    logger.log('Mapped {/healthz, GET} route', 'RouterExplorer');
    expect(lines).toEqual([{ level: 30, context: 'RouterExplorer', msg: 'Mapped {/healthz, GET} route' }]);
  });

  it("reads Nest's error(message, stack, context) as a stack trace and a context", () => {
    const { logger, lines } = capture();
    logger.error('boom', 'Error: boom\n    at x', 'ExceptionHandler');
    expect(lines).toEqual([{ level: 50, context: 'ExceptionHandler', stack: 'Error: boom\n    at x', msg: 'boom' }]);
  });

  it('logs an Error with its stack under err, and an object as fields', () => {
    const { logger, lines } = capture();
    logger.warn(new Error('store slow'), 'Store');
    logger.debug({ msg: 'seeding', progress: 0.5 }, 'DemoData');
    expect(lines[0]).toMatchObject({ level: 40, context: 'Store', msg: 'store slow', err: { message: 'store slow' } });
    expect((lines[0]!.err as { stack: string }).stack).toMatch(/^Error: store slow/);
    expect(lines[1]).toEqual({ level: 20, context: 'DemoData', msg: 'seeding', progress: 0.5 });
  });

  it('maps verbose to trace and fatal to fatal', () => {
    const { logger, lines } = capture();
    logger.verbose('detail');
    logger.fatal('down');
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [10, 'detail'],
      [60, 'down'],
    ]);
  });
});
