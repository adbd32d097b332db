/** Injection tokens of the access module. */
export const ACCESS_CONFIG = Symbol('AccessConfig');
/** The open Store, aliased from the token the app passes to AccessModule.forRoot. */
export const ACCESS_STORE = Symbol('AccessStore');
/** `METHOD /path` → operation, for routes of other modules (DEFAULT_ROUTE_OPERATIONS plus the app's own). */
export const ROUTE_OPERATIONS = Symbol('RouteOperations');
