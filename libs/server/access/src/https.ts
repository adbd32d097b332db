import type { Request } from 'express';

/**
 * Whether the browser reached us over https: directly (req.secure), or through a proxy that says so. Trusting the
 * proxy header without `trust proxy` is safe for what it decides (the session cookie's Secure flag, the HSTS
 * header): it can only add them, and a browser ignores both over plain http.
 */
export function isHttps(req: Request): boolean {
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return req.secure || first === 'https';
}
