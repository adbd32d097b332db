import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@amanah/store';
import { openTestStore } from '@amanah/store/testing';
import { BatchError, IngestBatches } from './batches.js';

// On a cluster (CLICKHOUSE_CLUSTER) a withdrawal or a replace is refused before any statement reaches the engine: its
// in-place partition rebuild works on one server's tables only (batches.ts, refuseOnCluster).
let store: Awaited<ReturnType<typeof openTestStore>>;
let clustered: Store;
const statements: string[] = [];
const admin = { keyId: 'admin', role: 'admin', amanahs: 'all' } as const;

beforeAll(async () => {
  store = await openTestStore();
  // The real store, as a cluster's would describe itself, noting every statement it is asked to run.
  const config = { kind: 'server', url: 'http://127.0.0.1:8123', user: 'default', password: '', database: 'default', cluster: 'kpi' } as const;
  clustered = new Proxy(store, {
    get(target, property) {
      if (property === 'config') return config;
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (['select', 'command', 'insert', 'insertRowBinary'].includes(String(property))) statements.push(String(args[0]));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
});
afterAll(async () => {
  await store?.dispose();
});

describe('withdrawal on a cluster', () => {
  it('is refused with a clear error, and nothing is read or written', async () => {
    const batches = new IngestBatches(clustered);
    const refusal = /not supported on a cluster \(CLICKHOUSE_CLUSTER=kpi\) yet: nothing was changed/;
    await expect(batches.checkWithdrawal(admin, 'b0000000000000001', 'wrong file')).rejects.toThrow(refusal);
    await expect(batches.checkWithdrawal(admin, 'b0000000000000001', 'wrong file')).rejects.toBeInstanceOf(BatchError);
    await expect(batches.withdrawNow(admin, 'b0000000000000001', 'wrong file')).rejects.toThrow(refusal);
    expect(statements).toEqual([]);
    // The same store, not on a cluster, goes on to look the batch up.
    await expect(new IngestBatches(store).checkWithdrawal(admin, 'b0000000000000001', 'wrong file')).rejects.toThrow(/no batch b0000000000000001/);
  });
});
