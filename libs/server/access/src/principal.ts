import type { AmanahScope, Role } from './roles.js';

/** Who is calling, as the access policy leaves it on the request (`req.principal`). */
export interface Principal {
  /** The API key's id; `ADMIN_KEY_ID` for the bootstrap key from KPI_ADMIN_KEY. */
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
   * The amanahs the caller may see, read by the analytics resolvers and passed to the query planner, which adds
   * `amanah IN {scope:Array(String)}` to every query. Undefined means every amanah.
   */
  amanahScope?: readonly string[];
}

export function principalOf(req: unknown): Principal | undefined {
  return (req as AccessRequest | undefined)?.principal;
}

/** Whether the principal may see or write rows of this amanah (the ingest code checks every row with it). */
export function mayAccessAmanah(principal: Principal, amanah: string): boolean {
  return principal.amanahs === 'all' || principal.amanahs.includes(amanah);
}
