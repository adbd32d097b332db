/**
 * The codes of errors a caller can act on, shared by every transport: services throw them with a domain error, and
 * each adapter maps them to its own form (GraphQL `extensions.code`; an HTTP status). The names are the GraphQL ones
 * clients already see.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'FORBIDDEN' | 'NOT_FOUND';
