/**
 * "A human label": a short text that people type and other people read — an API key's label, a fact sheet's title.
 * It is shown in lists, terminals (`kpi keys list`), logs and published documents, so it may not carry characters
 * that change how the text around it looks: control characters (NUL, newlines, escape sequences: U+0000–U+001F,
 * U+007F–U+009F), the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that can
 * make a label read backwards or reorder the text after it, or lone UTF-16 surrogates. The left-to-right and
 * right-to-left marks (U+200E, U+200F), which mixed Arabic and Latin text legitimately needs, are allowed.
 */
export const MAX_HUMAN_LABEL_LENGTH = 200;

export type HumanLabelCheck = { ok: true; value: string } | { ok: false; message: string };

// \p{Cc} is exactly the C0 controls, DEL and the C1 controls; in a /u pattern \p{Cs} matches only lone surrogates.
const FORBIDDEN = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/**
 * The label trimmed, or why it is refused, in a message that starts with the field's name (`label must …`).
 * Length counts characters (code points), at most `maxLength` (default 200) after trimming.
 */
export function checkHumanLabel(field: string, value: string, maxLength = MAX_HUMAN_LABEL_LENGTH): HumanLabelCheck {
  const text = value.trim();
  if (text.length === 0) return { ok: false, message: `${field} must not be empty` };
  const length = [...text].length;
  if (length > maxLength) return { ok: false, message: `${field} must be at most ${maxLength} characters, got ${length}` };
  if (/\p{Cs}/u.test(text)) return { ok: false, message: `${field} must be well-formed Unicode text (it has a lone surrogate)` };
  const forbidden = FORBIDDEN.exec(text);
  if (forbidden) {
    const codePoint = `U+${forbidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    const kind = /\p{Cc}/u.test(forbidden[0]) ? 'a control character' : 'a bidirectional override or isolate';
    return { ok: false, message: `${field} must not contain control or bidirectional-override characters (found ${kind}, ${codePoint}, at character ${[...text.slice(0, forbidden.index)].length + 1})` };
  }
  return { ok: true, value: text };
}
