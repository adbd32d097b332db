/**
 * Roles and what each may do: the one table of access control (README.md prints it). The policy
 * (access.policy.ts) maps every request to one operation and asks `roleMay`; nothing else decides.
 */
import { ROLES, type Role } from '@amanah/domain';

/** The role list is shared vocabulary (@amanah/domain); re-exported here beside what each role may do. */
export { ROLES, type Role } from '@amanah/domain';

/**
 * - `public`: no key needed (health check, signing in and out).
 * - `whoami`: any valid key or session (GET /api/session).
 * - `read`: every GraphQL query of figures and reference data (metrics, amanahs, kpi, series, breakdown, ranking,
 *   heatmap, dashboards), always filtered to the key's amanahs.
 * - `press`: press features (declared with `@AccessOperation('press')` by the feature that adds them).
 * - `analysis`: analyst features such as raw exports (declared with `@AccessOperation('analysis')`).
 * - `ingest`: writing events (POST /api/ingest/:dataset), rows limited to the key's amanahs by the ingest code.
 * - `keys`: creating, listing and revoking API keys.
 * - `admin`: anything not otherwise declared (an unknown route or mutation is admin-only, never open).
 */
export const OPERATIONS = ['public', 'whoami', 'read', 'press', 'analysis', 'ingest', 'keys', 'admin'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Operations each role may perform; `public` and `whoami` are open to everyone / every principal and not listed. */
export const ROLE_OPERATIONS: Readonly<Record<Role, readonly Operation[]>> = {
  viewer: ['read'],
  press: ['read', 'press'],
  analyst: ['read', 'press', 'analysis'],
  // An ingest key belongs to a pipeline, not a person: it writes and reads nothing back.
  ingest: ['ingest'],
  admin: ['read', 'press', 'analysis', 'ingest', 'keys', 'admin'],
};

/**
 * Operations that also need the scope `all`: a key manager limited to one amanah could otherwise mint itself a key
 * for every amanah, and an undeclared operation cannot be assumed to respect a scope.
 */
export const NEEDS_ALL_AMANAHS: ReadonlySet<Operation> = new Set(['keys', 'admin']);

export type AmanahScope = readonly string[] | 'all';

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether a key of this role and scope may perform the operation (the caller has already authenticated). */
export function roleMay(role: Role, scope: AmanahScope, operation: Operation): boolean {
  if (operation === 'public' || operation === 'whoami') return true;
  if (!ROLE_OPERATIONS[role].includes(operation)) return false;
  return scope === 'all' || !NEEDS_ALL_AMANAHS.has(operation);
}
