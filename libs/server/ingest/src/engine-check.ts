import { AMANAH_IDS, DATASETS, EARLIEST_DAY, RIYADH_UTC_OFFSET_HOURS, type DatasetName, type FieldDefinition } from '@amanah/domain';
import type { LineSource } from '@amanah/store';
import type { ColumnTypes } from './schema.js';
import { EARLIEST_SECONDS } from './values.js';

/**
 * NDJSON lines checked and converted by the engine: the statement that turns a body's lines (a `LineAsString`
 * source, see Store.insertFromLines) into stage rows. A line the engine is sure of — valid JSON, an object, every field
 * of the dataset in a form the JavaScript checker (schema.ts) would accept and store the same way, no other key —
 * becomes a row with its values and an empty `source_text`; any other non-blank line becomes a row carrying its text,
 * which the Ingestor reads back and puts through schema.ts, the one definition of what is wrong and how it is said.
 *
 * So the engine may be stricter than schema.ts, never laxer: a number for a text field that JavaScript could print
 * differently (a fraction, an exponent, more than 15 digits), an escaped or repeated key, a timestamp in another
 * layout or outside 1900–2299, a blank line of Unicode spaces — each goes to the checker, which accepts it (and encodes it as before)
 * or says what is wrong. Per line the engine validates the JSON once, extracts every field in one pass and counts the
 * keys (plus one look-up per optional field): no parse per field.
 */

/** Stage columns beyond the dataset's: the body line of the row, and the line's text when schema.ts must look at it. */
export const SOURCE_LINE = 'source_line';
export const SOURCE_TEXT = 'source_text';
export const SOURCE_COLUMNS = `${SOURCE_LINE} UInt64 DEFAULT 0, ${SOURCE_TEXT} String DEFAULT ''`;

const RIYADH_OFFSET_SECONDS = RIYADH_UTC_OFFSET_HOURS * 3600;
const DAY_MS = 86_400_000;
const UINT_MAX: Record<string, string> = { UInt8: '255', UInt16: '65535', UInt32: '4294967295', UInt64: '18446744073709551615' };
/** A code-defined word (field name, enum value, amanah id): safe inside a SQL string literal as it is. */
const WORD = /^[A-Za-z0-9_ ./-]+$/;

export interface EngineCheckOptions {
  /** The amanahs the key may write (undefined: all); a row of another amanah is left to schema.ts, which refuses it. */
  scope?: ReadonlySet<string>;
  /** Now, in ms: the accepted window ends a day later (schema.ts's window, fixed here once per statement). */
  now?: number;
}

/**
 * The stage rows of one piece of a body: the dataset's fields (in definition order, as the stage's columns), then
 * `source_line` (the line's number in the body: `lineOffset` + its number in the piece, from 1) and `source_text`.
 */
export function engineStageSelect(dataset: DatasetName, columns: ColumnTypes, source: LineSource, lineOffset: number, options: EngineCheckOptions = {}): string {
  const definition = DATASETS[dataset];
  const fields = definition.fields;
  const now = options.now ?? Date.now();
  const window = {
    latestSeconds: Math.floor((now + DAY_MS) / 1000),
    latestDay: new Date(now + DAY_MS + RIYADH_OFFSET_SECONDS * 1000).toISOString().slice(0, 10),
    scope: options.scope,
  };
  const value = (field: FieldDefinition) => `tupleElement(v, '${word(field.name)}')`;
  const given = (field: FieldDefinition) => `(${value(field)} IS NOT NULL AND ${value(field)} != '')`;
  const checks: string[] = [
    // No isValidJSON: a line that is not valid JSON gives no field at all (the extraction parses the whole line, as
    // JSONLength does), and every dataset has a required amanah.
    String.raw`match(text, '^[ \t\r]*\{')`,
    // Every key is a field, given once: as many keys as fields found (an optional field given as null is found by
    // JSONHas; a required one given as null fails below anyway).
    `JSONLength(text) = ${fields.map((field) => (field.optional ? `JSONHas(text, '${word(field.name)}')` : `(${value(field)} IS NOT NULL)`)).join(' + ')}`,
  ];
  const stored: string[] = [];
  for (const field of fields) {
    const sql = fieldSql(field, value(field), columns[field.name] ?? '', window);
    checks.push(field.optional ? `(NOT ${given(field)} OR ${sql.ok})` : `(${given(field)} AND ${sql.ok})`);
    stored.push(field.optional ? `if(${given(field)}, ${sql.stored}, NULL)` : sql.stored);
  }
  const time = fields.find((field) => field.name === definition.time)!;
  for (const field of fields) {
    // An optional timestamp (completed_at, resolved_at) is when the event ended: not before the dataset's time.
    if (field.optional && field.kind.type === 'datetime' && field !== time) {
      checks.push(`(NOT ${given(field)} OR ${timestampSeconds(value(field))} >= ${timestampSeconds(value(time))})`);
    }
  }
  const tuple = fields.map((field) => `${word(field.name)} Nullable(String)`).join(', ');
  if (!Number.isSafeInteger(lineOffset) || lineOffset < 0) throw new Error(`bad line offset ${lineOffset}`);
  return (
    `SELECT ${stored.join(', ')}, n AS ${SOURCE_LINE}, if(${checks.join(' AND ')}, '', text) AS ${SOURCE_TEXT} ` +
    // One parse extracts every field as text (numbers and booleans as the engine writes them, null as NULL).
    `FROM (SELECT ${source.row} + ${lineOffset + 1} AS n, line AS text, JSONExtract(line, 'Tuple(${tuple})') AS v FROM ${source.from}) ` +
    // Blank lines carry no row (schema.ts's blank is wider: a line of other spaces reaches it and is skipped there).
    String.raw`WHERE NOT match(text, '^[ \t\r]*$')`
  );
}

interface FieldSql {
  /** The value is one schema.ts accepts and stores as `stored` does. */
  ok: string;
  /** The value as the stage column takes it (any value when not ok: never an error). */
  stored: string;
}

interface Window {
  latestSeconds: number;
  latestDay: string;
  scope: ReadonlySet<string> | undefined;
}

function fieldSql(field: FieldDefinition, v: string, columnType: string, window: Window): FieldSql {
  const kind = field.kind;
  switch (kind.type) {
    case 'string':
      // JSON text as it is; a number only when JavaScript prints it alike (a whole number of at most 15 digits), no
      // boolean, object or array (their text here would pass for a string).
      return {
        // (Most text starts with none of these characters, and the patterns are then not run.)
        ok: String.raw`(position('-0123456789[{tf', substring(${v}, 1, 1)) = 0 OR NOT (${v} IN ('true', 'false') OR match(${v}, '^[\[{]') OR (match(${v}, '^-?[0-9.eE+-]+$') AND NOT match(${v}, '^(0|-?[1-9][0-9]{0,14})$'))))`,
        stored: `assumeNotNull(${v})`,
      };
    case 'enum':
      return { ok: `${v} IN (${list(kind.values)})`, stored: `assumeNotNull(${v})` };
    case 'amanah':
      return { ok: `${v} IN (${list(window.scope ? AMANAH_IDS.filter((id) => window.scope!.has(id)) : AMANAH_IDS)})`, stored: `assumeNotNull(${v})` };
    case 'datetime': {
      const seconds = timestampSeconds(v);
      return {
        ok: `(${timestampValid(v)} AND ${seconds} BETWEEN ${EARLIEST_SECONDS} AND ${window.latestSeconds})`,
        stored: `toDateTime(toUInt32(greatest(0, least(${seconds}, 4294967295))))`,
      };
    }
    case 'date':
      return {
        ok: String.raw`(match(${v}, '^\d{4}-\d{2}-\d{2}$') AND ${calendar(part(v, 1, 4), part(v, 6, 2), part(v, 9, 2))} AND ${v} >= '${EARLIEST_DAY}' AND ${v} <= '${window.latestDay}')`,
        stored: `toDateOrZero(assumeNotNull(${v}))`,
      };
    case 'bool':
      // JSON true/false, 1/0 (also 1.0: the engine writes it 1, JavaScript reads it 1), or those words in a string.
      return { ok: `lower(${v}) IN ('true', 'false', '1', '0')`, stored: `lower(${v}) IN ('true', '1')` };
    case 'decimal':
      // At most 15 digits: a JSON number of more could be printed differently by JavaScript.
      return {
        ok: String.raw`(match(${v}, '^-?\d{1,16}(\.\d{1,2})?$') AND length(replaceRegexpAll(${v}, '[^0-9]', '')) <= 15)`,
        stored: `toDecimal64OrZero(assumeNotNull(${v}), 2)`,
      };
    case 'uint': {
      const width = columnType.replace(/^Nullable\((.*)\)$/, '$1') || 'UInt32';
      const max = UINT_MAX[width] ?? UINT_MAX.UInt32!;
      // At most 15 digits (a JSON number of more is rounded by JavaScript); leading zeros as schema.ts reads them.
      return {
        ok: String.raw`(match(${v}, '^\d{1,15}$') AND toUInt64OrZero(${v}) <= ${max})`,
        stored: `to${width in UINT_MAX ? width : 'UInt32'}(least(toUInt64OrZero(assumeNotNull(${v})), ${max}))`,
      };
    }
  }
}

/**
 * The layouts of a timestamp the engine reads: `YYYY-MM-DD[T ]hh:mm:ss[.fraction]` with `Z`, `±hh:mm` or no zone
 * (Riyadh time); a fraction of 1–9 digits is dropped, as schema.ts drops it (JavaScript's toISOString() is read here).
 * schema.ts reads more (no seconds, `±hh`, `±hhmm`): those go to it. The date and time parts are at fixed places and
 * the zone, when there is one, ends the text (the fraction is digits only), so a pattern without captures checks the
 * characters and the parts are read in place.
 */
const TIMESTAMP_LAYOUT = String.raw`^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$`;

function timestampValid(v: string): string {
  const s = `assumeNotNull(${v})`;
  const zone = zoneOf(s);
  return (
    `(match(${s}, '${TIMESTAMP_LAYOUT}') AND ${calendar(part(s, 1, 4), part(s, 6, 2), part(s, 9, 2))} ` +
    `AND ${part(s, 12, 2)} <= 23 AND ${part(s, 15, 2)} <= 59 AND ${part(s, 18, 2)} <= 59 ` +
    `AND (length(${zone}) <= 1 OR (${part(zone, 2, 2)} <= 14 AND ${part(zone, 5, 2)} <= 59)))`
  );
}

/** Unix seconds of a timestamp that timestampValid accepts (any number otherwise); without a zone, Riyadh time. */
function timestampSeconds(v: string): string {
  const s = `assumeNotNull(${v})`;
  const zone = zoneOf(s);
  const offset = `multiIf(${zone} = '', ${RIYADH_OFFSET_SECONDS}, ${zone} = 'Z', 0, if(startsWith(${zone}, '-'), -1, 1) * (toInt64(${part(zone, 2, 2)}) * 3600 + ${part(zone, 5, 2)} * 60))`;
  return (
    `((toInt64(${firstOfMonth(part(s, 1, 4), part(s, 6, 2))}) + ${part(s, 9, 2)} - 1) * 86400 ` +
    `+ ${part(s, 12, 2)} * 3600 + ${part(s, 15, 2)} * 60 + ${part(s, 18, 2)} - ${offset})`
  );
}

/**
 * The zone of a text of TIMESTAMP_LAYOUT: '' (none), 'Z' or `±hh:mm`, the text's end. After the seconds there are
 * only the fraction's digits and the zone, so a sign six characters from the end is a zone's (and a text of another
 * layout gets some text, which timestampValid refuses anyway).
 */
function zoneOf(s: string): string {
  return `multiIf(endsWith(${s}, 'Z'), 'Z', length(${s}) >= 25 AND substring(${s}, -6, 1) IN ('+', '-'), substring(${s}, -6), '')`;
}

/** The number written at a fixed place (1-based) of a checked text. */
function part(text: string, from: number, length: number): string {
  return `toUInt16OrZero(substring(${text}, ${from}, ${length}))`;
}

/** A real calendar date in 1900–2299 (Date32's range; schema.ts's window is inside it). */
function calendar(year: string, month: string, day: string): string {
  return `(${year} BETWEEN 1900 AND 2299 AND ${month} BETWEEN 1 AND 12 AND ${day} >= 1 AND ${day} <= toDayOfMonth(toLastDayOfMonth(${firstOfMonth(year, month)})))`;
}

function firstOfMonth(year: string, month: string): string {
  return `makeDate32(least(greatest(${year}, 1900), 2299), least(greatest(${month}, 1), 12), 1)`;
}

function list(values: readonly string[]): string {
  return values.map((value) => `'${word(value)}'`).join(', ');
}

function word(text: string): string {
  if (!WORD.test(text)) throw new Error(`not a plain word for SQL: ${text}`);
  return text;
}
