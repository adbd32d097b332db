import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Inject, Req, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { collectProcessMetrics, registry } from '@amanah/telemetry';

export const METRICS_TOKEN = Symbol('MetricsToken');

/**
 * `GET /metrics`: the process's counters and timings in Prometheus text (libs/server/telemetry). With
 * KPI_METRICS_TOKEN set, only for `Authorization: Bearer <that token>` (a scraper holds no API key); unset, open, as
 * the contract says — set it wherever the API is reachable from outside.
 */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_TOKEN) private readonly token: string | undefined) {
    collectProcessMetrics();
  }

  @Get()
  @Header('Content-Type', registry.contentType)
  @Header('Cache-Control', 'no-store')
  metrics(@Req() req: Request): Promise<string> {
    if (this.token !== undefined && !sameSecret(bearerOf(req), this.token)) {
      throw new UnauthorizedException('GET /metrics needs Authorization: Bearer <KPI_METRICS_TOKEN>.');
    }
    return registry.metrics();
  }
}

function bearerOf(req: Request): string {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
