import { describe, expect, it } from 'vitest';
import { checkHumanLabel, MAX_HUMAN_LABEL_LENGTH } from './labels.js';

describe('checkHumanLabel', () => {
  it('accepts and trims ordinary labels, Arabic with Latin and the LRM/RLM marks included', () => {
    expect(checkHumanLabel('label', '  Jeddah uploads ')).toEqual({ ok: true, value: 'Jeddah uploads' });
    expect(checkHumanLabel('title', 'أمانة جدة \u200F(Q1 2025)\u200E — press')).toEqual({ ok: true, value: 'أمانة جدة \u200F(Q1 2025)\u200E — press' });
    expect(checkHumanLabel('label', 'ج'.repeat(MAX_HUMAN_LABEL_LENGTH)).ok).toBe(true);
    // Length is in characters: 200 emoji (400 UTF-16 units) are 200 characters.
    expect(checkHumanLabel('label', '📊'.repeat(MAX_HUMAN_LABEL_LENGTH)).ok).toBe(true);
  });

  it.each([
    ['NUL', 'ops\u0000admin', 'U+0000'],
    ['a newline', 'first\nsecond', 'U+000A'],
    ['a tab', 'a\tb', 'U+0009'],
    ['an ANSI escape', 'key \u001b[31mred', 'U+001B'],
    ['DEL', 'a\u007fb', 'U+007F'],
    ['a C1 control', 'a\u0085b', 'U+0085'],
    ['LRE', 'a\u202Ab', 'U+202A'],
    ['RLO (reads backwards)', 'invoice \u202Egpj.exe', 'U+202E'],
    ['LRI', 'a\u2066b', 'U+2066'],
    ['PDI', 'a\u2069b', 'U+2069'],
  ])('refuses %s, naming the field and the character', (_, value, codePoint) => {
    const check = checkHumanLabel('label', value);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.message).toMatch(new RegExp(`^label must not contain .*${codePoint.replace('+', '\\+')}`));
  });

  it('refuses empty, too long, and lone surrogates', () => {
    expect(checkHumanLabel('title', '   ')).toEqual({ ok: false, message: 'title must not be empty' });
    expect(checkHumanLabel('title', 'x'.repeat(201))).toEqual({ ok: false, message: 'title must be at most 200 characters, got 201' });
    expect(checkHumanLabel('title', 'x'.repeat(11), 10).ok).toBe(false);
    expect(checkHumanLabel('title', 'a\uD800b').ok).toBe(false);
  });
});
