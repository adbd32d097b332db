/**
 * How the API logs what it refuses (bad input, missing or insufficient keys, rate limits, bodies too large): one line
 * at info or warn, never a stack trace, with echoed input clipped. Those are the client's mistakes, not ours; a line
 * per refusal is enough to see a misbehaving client, and a stack trace of a refusal only buries real errors.
 */

/** Longest quoted value (a client's input echoed back) kept in a message. */
export const ECHO_LIMIT = 200;
/** Longest message, whatever it quotes: the backstop for input echoed without quotes. */
export const MESSAGE_LIMIT = 1000;

// A quoted value, escaped quotes included. Matched left to right, so a closing quote never starts a match.
const QUOTED = /"((?:[^"\\]|\\.)*)"/g;

/**
 * A message as it may leave the server (in an answer or a log line): each quoted value cut to ECHO_LIMIT characters
 * with an ellipsis, and the whole cut to MESSAGE_LIMIT. The one place that caps echoed input: graphql-js, class-
 * validator and our own errors all quote the offending value, and a 100 KB argument must not come back (or be
 * logged) whole.
 */
export function clipEchoes(message: string): string {
  const clipped = message.replace(QUOTED, (whole, inner: string) => (inner.length > ECHO_LIMIT ? `"${inner.slice(0, ECHO_LIMIT)}…"` : whole));
  return clipped.length > MESSAGE_LIMIT ? `${clipped.slice(0, MESSAGE_LIMIT)}…` : clipped;
}

/**
 * The Nest logger method for a refusal: access refusals and spent limits are warnings (someone without the right key,
 * or asking too much, is trying); bad
 * input and sizes are information (`log` is Nest's info level).
 */
const WARNED_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED', 'COST_BUDGET', 'OVERLOADED']);
const WARNED_STATUSES = new Set([401, 403, 429]);

export function refusalLevel(code: string | number): 'warn' | 'log' {
  return (typeof code === 'number' ? WARNED_STATUSES.has(code) : WARNED_CODES.has(code)) ? 'warn' : 'log';
}
