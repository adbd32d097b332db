import { describe, expect, it } from 'vitest';
import { OPERATIONS, ROLES, roleMay, type Operation, type Role } from './roles.js';

// The table of README.md, cell by cell ("x" = allowed for a key with every amanah; "s" = also with a scoped key).
const TABLE: Record<Role, Partial<Record<Operation, 'x' | 's'>>> = {
  viewer: { public: 's', whoami: 's', read: 's' },
  press: { public: 's', whoami: 's', read: 's', press: 's' },
  analyst: { public: 's', whoami: 's', read: 's', press: 's', analysis: 's' },
  ingest: { public: 's', whoami: 's', ingest: 's' },
  admin: { public: 's', whoami: 's', read: 's', press: 's', analysis: 's', ingest: 's', keys: 'x', admin: 'x' },
};

describe('roles × operations', () => {
  it.each(ROLES.flatMap((role) => OPERATIONS.map((operation) => [role, operation] as const)))('%s → %s', (role, operation) => {
    const cell = TABLE[role][operation];
    expect(roleMay(role, 'all', operation)).toBe(cell !== undefined);
    expect(roleMay(role, ['jeddah'], operation)).toBe(cell === 's');
  });
});
