/** Limits of the ingest endpoint. */
export interface IngestSettings {
  maxBodyBytes: number;
}

export const INGEST_SETTINGS = Symbol('IngestSettings');

export const DEFAULT_MAX_BODY_BYTES = 200 * 1024 * 1024;

export class IngestSettingsError extends Error {
  override name = 'IngestSettingsError';
}

/** KPI_INGEST_MAX_BYTES: the largest body accepted, in bytes (default 200 MiB); larger bodies are answered 413. */
export function ingestSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): IngestSettings {
  const raw = env.KPI_INGEST_MAX_BYTES?.trim();
  if (!raw) return { maxBodyBytes: DEFAULT_MAX_BODY_BYTES };
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new IngestSettingsError(`KPI_INGEST_MAX_BYTES must be a positive whole number of bytes, got "${raw}"`);
  }
  return { maxBodyBytes: value };
}

/** The injection token under which the ingest module re-provides its store (for the completeness resolver). */
export const STORE_OF_INGEST = Symbol('StoreOfIngest');
