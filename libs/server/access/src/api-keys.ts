import { checkHumanLabel, isAmanahId, MAX_HUMAN_LABEL_LENGTH } from '@amanah/domain';
import type { Store } from '@amanah/store';
import { generateKey, hashSecret } from './key-secret.js';
import { isRole, ROLES, type AmanahScope, type Role } from './roles.js';

/**
 * API keys in the store (table `api_keys`, migration 0020): create, revoke, list. These functions are the whole
 * key lifecycle; the CLI calls them directly, the GraphQL resolver through ApiKeyService (which adds the cache).
 */
export interface NewApiKey {
  label: string;
  role: Role;
  /** The amanahs the key may see and write, or 'all'. */
  amanahs: AmanahScope;
}

export interface ApiKeyRecord {
  id: string;
  label: string;
  role: Role;
  amanahs: AmanahScope;
  /** ISO 8601, UTC. */
  createdAt: string;
  revokedAt: string | null;
}

/** A record with its secret hash: stays inside this library. */
export interface StoredApiKey extends ApiKeyRecord {
  secretHash: string;
}

export interface IssuedApiKey {
  record: ApiKeyRecord;
  /** The full key, `akpi_<id>_<secret>`: shown once, never stored. */
  key: string;
}

/** Bad input to key creation: the caller's mistake, with a message naming the field. */
export class ApiKeyInputError extends Error {
  override name = 'ApiKeyInputError';
  constructor(
    readonly field: 'label' | 'role' | 'amanahs',
    message: string,
  ) {
    super(message);
  }
}

/** A key's label is a human label (@amanah/domain checkHumanLabel): at most this many characters, no control characters. */
export const MAX_LABEL_LENGTH = MAX_HUMAN_LABEL_LENGTH;

interface ApiKeyRow {
  id: string;
  label: string;
  role: string;
  all_amanahs: boolean;
  amanahs: string[];
  secret_hash: string;
  created_ms: number;
  revoked_ms: number | null;
}

const SELECT_KEYS = `SELECT id, label, role, all_amanahs, amanahs, secret_hash,
  toUnixTimestamp64Milli(created_at) AS created_ms, toUnixTimestamp64Milli(revoked_at) AS revoked_ms
FROM api_keys FINAL`;

// The insert carries ISO timestamps ('…Z'); best_effort parses them without depending on the session time zone.
const INSERT_SETTINGS = { date_time_input_format: 'best_effort' } as const;

export function validateNewApiKey(input: NewApiKey): NewApiKey {
  // Labels are listed to admins and printed by `kpi keys list`: no control or bidi-override characters.
  const checked = checkHumanLabel('label', input.label);
  if (!checked.ok) throw new ApiKeyInputError('label', `${checked.message}: say who or what uses the key`);
  const label = checked.value;
  if (!isRole(input.role)) throw new ApiKeyInputError('role', `role must be one of ${ROLES.join(', ')}, got "${input.role}"`);
  if (input.amanahs === 'all') return { label, role: input.role, amanahs: 'all' };
  const amanahs = [...new Set(input.amanahs)].sort();
  if (amanahs.length === 0) {
    throw new ApiKeyInputError('amanahs', 'amanahs must list at least one amanah, or grant all amanahs explicitly');
  }
  const unknown = amanahs.filter((id) => !isAmanahId(id));
  if (unknown.length > 0) throw new ApiKeyInputError('amanahs', `amanahs has unknown amanah ids: ${unknown.join(', ')}`);
  return { label, role: input.role, amanahs };
}

export async function createApiKey(store: Store, input: NewApiKey, now: Date = new Date()): Promise<IssuedApiKey> {
  const valid = validateNewApiKey(input);
  const { id, secret, key } = generateKey();
  const record: ApiKeyRecord = { id, ...valid, createdAt: now.toISOString(), revokedAt: null };
  await store.insert('api_keys', [toRow(record, await hashSecret(secret), 1)], INSERT_SETTINGS);
  return { record, key };
}

/**
 * Revokes a key by writing its row again with `revoked_at` (version 2). Revoking a revoked key changes nothing and
 * answers its record; an unknown id answers undefined.
 */
export async function revokeApiKey(store: Store, id: string, now: Date = new Date()): Promise<ApiKeyRecord | undefined> {
  const stored = await findApiKey(store, id);
  if (!stored) return undefined;
  if (stored.revokedAt !== null) return withoutSecret(stored);
  const revoked: StoredApiKey = { ...stored, revokedAt: now.toISOString() };
  await store.insert('api_keys', [toRow(revoked, stored.secretHash, 2)], INSERT_SETTINGS);
  return withoutSecret(revoked);
}

/** Every key, revoked ones included, oldest first; never a secret or its hash. */
export async function listApiKeys(store: Store): Promise<ApiKeyRecord[]> {
  const rows = await store.select<ApiKeyRow>(`${SELECT_KEYS} ORDER BY created_at, id`);
  return rows.map((row) => withoutSecret(fromRow(row)));
}

export async function findApiKey(store: Store, id: string): Promise<StoredApiKey | undefined> {
  const [row] = await store.select<ApiKeyRow>(`${SELECT_KEYS} WHERE id = {id:String}`, { id });
  return row ? fromRow(row) : undefined;
}

export const DEMO_VIEWER_LABEL = 'demo viewer (local demo sign-in)';

/**
 * The viewer key behind the local demo's sign-in link: every amanah, read only. Reuses the live demo key when there
 * is one, so restarts do not pile up keys. Its secret is never shown: the demo link signs in by key id
 * (DemoLogin), and the key can be revoked like any other.
 */
export async function createDemoViewerKey(store: Store): Promise<ApiKeyRecord> {
  const existing = (await listApiKeys(store)).find(
    (key) => key.label === DEMO_VIEWER_LABEL && key.role === 'viewer' && key.amanahs === 'all' && key.revokedAt === null,
  );
  if (existing) return existing;
  return (await createApiKey(store, { label: DEMO_VIEWER_LABEL, role: 'viewer', amanahs: 'all' })).record;
}

function toRow(record: ApiKeyRecord, secretHash: string, version: 1 | 2) {
  return {
    id: record.id,
    label: record.label,
    role: record.role,
    all_amanahs: record.amanahs === 'all',
    amanahs: record.amanahs === 'all' ? [] : [...record.amanahs],
    secret_hash: secretHash,
    created_at: record.createdAt,
    revoked_at: record.revokedAt,
    version,
  };
}

function fromRow(row: ApiKeyRow): StoredApiKey {
  if (!isRole(row.role)) throw new Error(`api_keys row ${row.id} has an unknown role "${row.role}"`);
  return {
    id: row.id,
    label: row.label,
    role: row.role,
    amanahs: row.all_amanahs ? 'all' : Object.freeze([...row.amanahs]),
    createdAt: new Date(Number(row.created_ms)).toISOString(),
    revokedAt: row.revoked_ms === null ? null : new Date(Number(row.revoked_ms)).toISOString(),
    secretHash: row.secret_hash,
  };
}

function withoutSecret(stored: StoredApiKey): ApiKeyRecord {
  const { id, label, role, amanahs, createdAt, revokedAt } = stored;
  return { id, label, role, amanahs, createdAt, revokedAt };
}
