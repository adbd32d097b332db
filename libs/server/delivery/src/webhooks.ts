import { createHmac, randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

/**
 * Webhooks: an allow-listed target (checked when a rule is created and again at every send), the body signed with
 * HMAC-SHA256 under the rule's secret, posted to the address the name resolved to (resolved once, so a name cannot
 * point elsewhere between the check and the connection), no redirect followed, a timeout.
 */
export class WebhookRefused extends Error {
  override name = 'WebhookRefused';
}

export function newWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** `sha256=<hex>`: the value of X-Amanah-Signature for a raw body. */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The URL, when it is http(s) with no credentials and its host is on the allow-list; otherwise WebhookRefused. */
export function checkWebhookUrl(value: string, allowedHosts: readonly string[]): URL {
  if (!URL.canParse(value)) throw new WebhookRefused(`webhookUrl is not a URL: ${value.slice(0, 200)}`);
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookRefused(`webhookUrl must be http or https, not ${url.protocol}`);
  if (url.username || url.password) throw new WebhookRefused('webhookUrl may not carry a user name or password');
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const allowed = allowedHosts.map((h) => h.replace(/^\[|\]$/g, ''));
  if (!allowed.includes(host)) {
    throw new WebhookRefused(
      allowed.length === 0
        ? `webhook host ${host} is not allowed: KPI_WEBHOOK_ALLOWED_HOSTS is empty`
        : `webhook host ${host} is not in KPI_WEBHOOK_ALLOWED_HOSTS (${allowed.join(', ')})`,
    );
  }
  return url;
}

export interface WebhookPost {
  url: string;
  body: string;
  secret: string;
  allowedHosts: readonly string[];
  timeoutMs: number;
}

/** Posts once; resolves on a 2xx, throws otherwise (a 3xx included: redirects are not followed). */
export async function postWebhook(post: WebhookPost): Promise<number> {
  const url = checkWebhookUrl(post.url, post.allowedHosts);
  let resolved: { address: string; family: number };
  try {
    resolved = await lookup(url.hostname.replace(/^\[|\]$/g, ''));
  } catch (error) {
    throw new WebhookRefused(`webhook host ${url.hostname} does not resolve: ${(error as Error).message}`);
  }
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: resolved.address, family: resolved.family }]);
    else callback(null, resolved.address, resolved.family);
  };
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise<number>((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        lookup: pinned,
        // `timeout` ends an idle socket; the signal ends the whole exchange, so a receiver that answers slowly cannot
        // hold one of the few delivery workers longer than this either.
        timeout: post.timeoutMs,
        signal: AbortSignal.timeout(post.timeoutMs),
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(post.body),
          'User-Agent': 'amanah-kpi-webhook',
          'X-Amanah-Signature': signature(post.body, post.secret),
        },
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(status);
        else if (status >= 300 && status < 400) reject(new Error(`webhook answered ${status} (a redirect, not followed)`));
        else reject(new Error(`webhook answered ${status}`));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`webhook did not answer within ${post.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(post.body);
  });
}
