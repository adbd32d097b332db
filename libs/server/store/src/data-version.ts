import type { Store } from './store.js';

/**
 * The data version: how many times the data that answers are computed from has changed (data_changes, migration
 * 0045). Stored, not counted in memory, so that it means the same in every API process and after a restart: an
 * answer cached under one version is never served once another process has written.
 */
/** `manual`: rows written straight into the store (tests, benches, an operator's repair). */
export type DataChangeKind = 'ingest' | 'seed' | 'withdrawal' | 'manual';

/**
 * Records one change. Called after the change's rows are in (inside the same exclusive section, for an ingest
 * commit): a reader that sees the new version also sees the rows.
 */
export function recordDataChange(store: Store, kind: DataChangeKind, ref = ''): Promise<void> {
  return store.insert('data_changes', [{ kind, ref }]);
}

/** The data version (Store.readDataVersion runs it): a plain count, from the table's metadata, without parameters. */
export const DATA_VERSION_SQL = 'SELECT count() AS version FROM data_changes';
