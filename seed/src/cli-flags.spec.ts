import { describe, expect, it } from 'vitest';
import { parseSeedFlags } from './cli-flags.js';

describe('npm run seed flags', () => {
  it('defaults to scale 1 without force', () => {
    expect(parseSeedFlags([])).toEqual({ scale: 1, force: false, help: false });
  });

  it('reads --scale and --force', () => {
    expect(parseSeedFlags(['--scale', '3.5', '--force'])).toEqual({ scale: 3.5, force: true, help: false });
    expect(parseSeedFlags(['--scale=0.01'])).toMatchObject({ scale: 0.01 });
  });

  it('rejects unknown flags, positionals and bad scales with a message that names them', () => {
    expect(() => parseSeedFlags(['--scal', '2'])).toThrow(/Unknown option '--scal'/);
    expect(() => parseSeedFlags(['now'])).toThrow(/now/);
    expect(() => parseSeedFlags(['--scale', 'ten'])).toThrow(/--scale must be a number, got "ten"/);
    expect(() => parseSeedFlags(['--scale', '0'])).toThrow(/greater than 0 and at most 30/);
    expect(() => parseSeedFlags(['--scale', '31'])).toThrow(/greater than 0 and at most 30/);
  });
});
