import { describe, expect, it } from 'vitest';
import { identityFromClaims, sitePath } from './oidc-sign-in.js';

const config = { roleClaim: 'kpi_role', amanahClaim: 'kpi_amanahs' };
const identity = (claims: Record<string, unknown>) => identityFromClaims({ sub: 'user-7', ...claims }, config);

describe('identityFromClaims', () => {
  it('a role, amanahs as an array or a comma list (sorted, without repeats), or "all"', () => {
    expect(identity({ kpi_role: 'press', kpi_amanahs: ['riyadh', 'jeddah', 'riyadh'], name: 'Sara' })).toEqual({
      role: 'press',
      amanahs: ['jeddah', 'riyadh'],
      label: 'Sara',
    });
    expect(identity({ kpi_role: ['viewer'], kpi_amanahs: ' hail , tabuk ' }).amanahs).toEqual(['hail', 'tabuk']);
    expect(identity({ kpi_role: 'admin', kpi_amanahs: 'all' }).amanahs).toBe('all');
    expect(identity({ kpi_role: 'admin', kpi_amanahs: ['all'] }).amanahs).toBe('all');
  });

  it('the label: name, else preferred_username, else email, else the subject', () => {
    expect(identity({ kpi_role: 'viewer', kpi_amanahs: 'hail', preferred_username: 'sara.a', email: 's@example.sa' }).label).toBe('sara.a');
    expect(identity({ kpi_role: 'viewer', kpi_amanahs: 'hail', email: 's@example.sa' }).label).toBe('s@example.sa');
    expect(identity({ kpi_role: 'viewer', kpi_amanahs: 'hail' }).label).toBe('user-7');
  });

  it('refuses a missing, unknown or ambiguous role', () => {
    expect(() => identity({ kpi_amanahs: 'hail' })).toThrow('The provider gave no role (claim "kpi_role").');
    expect(() => identity({ kpi_role: 'root', kpi_amanahs: 'hail' })).toThrow('The provider gave an unknown role "root" (claim "kpi_role").');
    expect(() => identity({ kpi_role: 'Viewer', kpi_amanahs: 'hail' })).toThrow(/unknown role "Viewer"/);
    expect(() => identity({ kpi_role: ['viewer', 'admin'], kpi_amanahs: 'hail' })).toThrow(/no role/);
  });

  it('refuses missing, empty or unknown amanahs, and "all" mixed with ids', () => {
    expect(() => identity({ kpi_role: 'viewer' })).toThrow(/no amanahs \(claim "kpi_amanahs"/);
    expect(() => identity({ kpi_role: 'viewer', kpi_amanahs: ' , ' })).toThrow(/no amanahs/);
    expect(() => identity({ kpi_role: 'viewer', kpi_amanahs: [1, 2] })).toThrow(/no amanahs/);
    expect(() => identity({ kpi_role: 'viewer', kpi_amanahs: ['hail', 'gotham'] })).toThrow('The provider gave unknown amanahs: "gotham".');
    expect(() => identity({ kpi_role: 'viewer', kpi_amanahs: 'all,hail' })).toThrow(/unknown amanahs: "all"/);
  });
});

describe('sitePath (where the sign-in returns to)', () => {
  it('a path of this site, with its query', () => {
    expect(sitePath('/dashboards/executive?amanah=tabuk&lang=en')).toBe('/dashboards/executive?amanah=tabuk&lang=en');
    expect(sitePath('/')).toBe('/');
  });

  it('anything else is "/": other sites, scheme-relative and backslash tricks, control characters, no value', () => {
    for (const value of ['https://evil.example/', '//evil.example', '/\\evil.example', 'dashboards', '/a\nb', '', undefined, ['/x'], '/' + 'a'.repeat(2000)]) {
      expect(sitePath(value)).toBe('/');
    }
  });
});
