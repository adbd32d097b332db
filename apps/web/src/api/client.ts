import type { TypedDocumentString } from '../gql/graphql.js';

/** A GraphQL answer with errors: the message of the first, and its stable code (BAD_USER_INPUT, …). */
export class GraphqlRequestError extends Error {
  override name = 'GraphqlRequestError';
  constructor(message: string, readonly code: string | undefined, readonly status: number) {
    super(message);
  }
}

/** The code of GraphQL errors (and 401 bodies) when the caller has no valid session or key. */
export const UNAUTHENTICATED = 'UNAUTHENTICATED';

/** Whether an error says the caller must sign in (again). */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof GraphqlRequestError && error.code === UNAUTHENTICATED;
}

/** The endpoint: same origin in production (the API serves the app), proxied by Vite in development. */
export const GRAPHQL_URL = '/graphql';

/** An answer with the paths of the fields that failed: a widget whose query failed does not take the page down. */
export interface PartialResult<TResult> {
  data: TResult;
  failedPaths: ReadonlyArray<ReadonlyArray<string | number>>;
}

/** Runs a generated operation with plain fetch; any error fails the whole call. */
export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<TResult> {
  const { data, failedPaths } = await executePartial(document, variables, signal);
  if (failedPaths.length > 0) throw new GraphqlRequestError('Part of the answer failed', undefined, 200);
  return data;
}

/**
 * Runs an operation and keeps partial data: errors with a path (a field resolver failed, its field is null) are
 * returned as paths; errors without one (validation, the whole request) throw.
 */
export async function executePartial<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<PartialResult<TResult>> {
  const response = await fetch(GRAPHQL_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query: document.toString(), variables }),
    signal,
  });
  let body: { data?: TResult | null; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string } }> };
  try {
    body = await response.json();
  } catch {
    throw new GraphqlRequestError(`The API answered ${response.status} without JSON`, undefined, response.status);
  }
  const errors = body.errors ?? [];
  // Without a session every field is refused on its own (with a path); that is the whole request failing, so the app
  // can show its sign-in page rather than a page of widget errors. So is an error status with errors (a rate-limited
  // request is HTTP 429 with every field RATE_LIMITED): its code tells the app not to retry at once.
  const fatal =
    errors.find((e) => !e.path || e.extensions?.code === UNAUTHENTICATED) ?? (body.data && response.ok ? undefined : errors[0]);
  if (fatal) throw new GraphqlRequestError(fatal.message, fatal.extensions?.code, response.status);
  if (!response.ok || !body.data) throw new GraphqlRequestError(`The API answered ${response.status}`, undefined, response.status);
  return { data: body.data, failedPaths: errors.map((e) => e.path!) };
}
