import type { AmanahScope, Role } from './roles.js';

/** Who is calling, as the access policy leaves it on the request (`req.principal`). */
export interface Principal {
  /**
   * The API key's id; `ADMIN_KEY_ID` for the bootstrap key from KPI_ADMIN_KEY; `oidc:<subject>` for a person signed
   * in with the ministry account (no key behind it: see OidcSignIn).
   */
  keyId: string;
  role: Role;
  amanahs: AmanahScope;
  label: string;
  /** How the caller proved it: an `Authorization: Bearer` key or the dashboard's session cookie. */
  via: 'bearer' | 'session';
}

/** The id under which the KPI_ADMIN_KEY bootstrap key appears (it has no row in api_keys). */
export const ADMIN_KEY_ID = 'bootstrap-admin';

/** The fields the access layer sets on the (Express) request. */
export interface AccessRequest {
  principal?: Principal;
  /**
   * The amanahs the caller may see, read into the `Caller` by `callerOf(req)` and passed by the analytics service to
   * the query planner, which adds `amanah IN {scope:Array(String)}` to every query. Undefined means every amanah.
   */
  amanahScope?: readonly string[];
}

export function principalOf(req: unknown): Principal | undefined {
  return (req as AccessRequest | undefined)?.principal;
}

/**
 * Who is asking, as a service sees it: no request, no transport. The GraphQL resolvers and the ingest controller
 * take it from the request (`callerOf`); code with no request (delivery, alerts, exports) builds one. `amanahs` is
 * what the caller may see or write; services pass `scopeOf(caller)` to the query planner.
 */
export type Caller = Pick<Principal, 'keyId' | 'role' | 'amanahs' | 'label'>;

/**
 * The caller of a request the access policy let through: its principal, with the amanahs the policy left in
 * `req.amanahScope`. A request with no principal (only an app whose guard lets every request through, i.e. tests)
 * is an unnamed viewer of every amanah, which is what the services did before there was a Caller.
 */
export function callerOf(req: unknown): Caller {
  const access = req as AccessRequest | undefined;
  const principal = access?.principal;
  return {
    keyId: principal?.keyId ?? '',
    label: principal?.label ?? '',
    role: principal?.role ?? 'viewer',
    amanahs: access?.amanahScope ?? principal?.amanahs ?? 'all',
  };
}

/** The amanahs a caller may see, as the query planner takes them: undefined = every amanah. */
export function scopeOf(caller: Caller): readonly string[] | undefined {
  return caller.amanahs === 'all' ? undefined : caller.amanahs;
}
