/**
 * Failures to open or reach the store, each as one line that says what happened and what to do.
 * `code` is stable, for tests and for callers that react differently (the CLI exits, the API refuses to start).
 */
export type StoreErrorCode =
  | 'DATA_DIR_NOT_WRITABLE'
  | 'STORE_LOCKED'
  | 'SERVER_UNREACHABLE'
  | 'AUTHENTICATION_FAILED'
  | 'SERVER_TOO_OLD'
  | 'QUERY_FAILED';

export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
