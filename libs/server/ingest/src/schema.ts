import { AMANAH_IDS, DATASETS, RIYADH_UTC_OFFSET_HOURS, type DatasetDefinition, type DatasetName, type FieldDefinition } from '@amanah/domain';
import { compileStageEncoding, type StageEncoding, type StoreValue } from './stage-rows.js';
import {
  ValueError,
  clip,
  parseBoolean,
  parseDate,
  parseDecimal,
  parseText,
  parseTimestamp,
  parseUnsigned,
} from './values.js';

/**
 * The validation schema of one dataset, compiled from its definition in @amanah/domain (the same list the tables
 * are checked against), plus the column widths the store reports (UInt32 vs UInt64). No field is listed here.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface RowCheck {
  /** The row's values in the order of `fieldNames` (by position, not by name: this runs for every row). */
  values?: StoreValue[];
  problems: FieldProblem[];
}

export interface DatasetSchema {
  dataset: DatasetName;
  fieldNames: readonly string[];
  /** Where the amanah is in a checked row's values (every dataset has one: scopes are checked on it). */
  amanahIndex: number;
  /** Problems with a CSV header: unknown, repeated or missing columns. */
  checkHeader(columns: readonly string[]): FieldProblem[];
  /** One record (JSON object, or a CSV row keyed by its header) to a row for the store, or what is wrong with it. */
  checkRecord(record: unknown): RowCheck;
}

/** Column type names as system.columns reports them, e.g. { count: 'UInt32' }. */
export type ColumnTypes = Readonly<Record<string, string>>;

const UINT_MAX: Record<string, bigint> = {
  UInt8: 255n,
  UInt16: 65_535n,
  UInt32: 4_294_967_295n,
  UInt64: 18_446_744_073_709_551_615n,
};
const KNOWN_AMANAHS: ReadonlySet<string> = new Set(AMANAH_IDS);
const DAY_MS = 86_400_000;
const NO_PROBLEMS: FieldProblem[] = [];

interface CompiledField {
  name: string;
  optional: boolean;
  parse(raw: unknown, window: TimeWindow): unknown;
}

interface TimeWindow {
  latestSeconds: number;
  latestDay: string;
}

export function compileDatasetSchema(dataset: DatasetName, columnTypes: ColumnTypes = {}): DatasetSchema {
  const definition: DatasetDefinition = DATASETS[dataset];
  const fields = definition.fields.map((field) => compileField(field, columnTypes[field.name]));
  const byName = new Map(fields.map((field) => [field.name, field]));
  const fieldNames = fields.map((field) => field.name);
  // An optional timestamp (completed_at, resolved_at) is when the event ended: it cannot precede the event's time.
  const endFields = definition.fields
    .filter((field) => field.optional && field.kind.type === 'datetime' && field.name !== definition.time)
    .map((field) => ({ name: field.name, index: fieldNames.indexOf(field.name) }));
  const timeField = definition.time;
  const timeIndex = fieldNames.indexOf(timeField);
  const amanahIndex = fieldNames.indexOf('amanah');
  if (amanahIndex === -1) throw new Error(`dataset ${dataset} has no amanah field`);
  let window = timeWindow(Date.now());

  return {
    dataset,
    fieldNames,
    amanahIndex,
    checkHeader(columns) {
      const problems: FieldProblem[] = [];
      const seen = new Set<string>();
      for (const column of columns) {
        if (!byName.has(column)) problems.push({ field: column, message: `unknown column (expected ${fieldNames.join(', ')})` });
        else if (seen.has(column)) problems.push({ field: column, message: 'column appears twice' });
        seen.add(column);
      }
      for (const field of fields) {
        if (!field.optional && !seen.has(field.name)) problems.push({ field: field.name, message: 'required column is missing' });
      }
      return problems;
    },
    checkRecord(record) {
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        return { problems: [{ field: '', message: 'expected an object with the fields of the dataset' }] };
      }
      // The window moves with the clock; recomputing it once a second is enough for a one-day margin.
      const now = Date.now();
      if (now - window.computedAt > 1000) window = timeWindow(now);
      const input = record as Record<string, unknown>;
      let problems: FieldProblem[] | undefined; // most rows have none
      const values: StoreValue[] = new Array(fields.length);
      for (let i = 0; i < fields.length; i += 1) {
        const field = fields[i]!;
        const raw = input[field.name];
        if (raw === undefined || raw === null || raw === '') {
          if (field.optional) values[i] = null;
          else (problems ??= []).push({ field: field.name, message: raw === undefined ? 'required field is missing' : 'required field is empty' });
          continue;
        }
        const value = field.parse(raw, window);
        if (value instanceof ValueError) (problems ??= []).push({ field: field.name, message: value.message });
        else values[i] = value as StoreValue;
      }
      for (const key in input) {
        if (!byName.has(key)) (problems ??= []).push({ field: key, message: 'unknown field' });
      }
      for (const end of endFields) {
        const start = values[timeIndex], finish = values[end.index];
        if (typeof start === 'number' && typeof finish === 'number' && finish < start) {
          (problems ??= []).push({ field: end.name, message: `${end.name} is before ${timeField}` });
        }
      }
      return problems ? { problems } : { values, problems: NO_PROBLEMS };
    },
  };
}

/** A dataset's validation schema and stage encoding, both compiled from the column types the store reports. */
export interface IngestSchema {
  schema: DatasetSchema;
  encoding: StageEncoding;
}

export function compileIngestSchema(dataset: DatasetName, columnTypes: ColumnTypes): IngestSchema {
  const schema = compileDatasetSchema(dataset, columnTypes);
  const encoding = compileStageEncoding(schema.fieldNames.map((name) => {
    const type = columnTypes[name];
    if (!type) throw new Error(`table ${dataset} lacks column ${name} of its definition: run the migrations`);
    return { name, type };
  }));
  return { schema, encoding };
}

function compileField(field: FieldDefinition, columnType: string | undefined): CompiledField {
  const base = { name: field.name, optional: Boolean(field.optional) };
  const kind = field.kind;
  switch (kind.type) {
    case 'datetime':
      return { ...base, parse: (raw, window) => parseTimestamp(raw, window.latestSeconds) };
    case 'date':
      return { ...base, parse: (raw, window) => parseDate(raw, window.latestDay) };
    case 'string':
      return { ...base, parse: parseText };
    case 'bool':
      return { ...base, parse: parseBoolean };
    case 'decimal':
      return { ...base, parse: parseDecimal };
    case 'uint': {
      const width = columnType?.replace(/^Nullable\((.*)\)$/, '$1') ?? 'UInt32';
      const max = UINT_MAX[width] ?? UINT_MAX.UInt32!;
      return { ...base, parse: (raw) => parseUnsigned(raw, max) };
    }
    case 'amanah':
      return {
        ...base,
        parse: (raw) =>
          typeof raw === 'string' && KNOWN_AMANAHS.has(raw)
            ? raw
            : new ValueError(`${typeof raw === 'string' ? `"${clip(raw)}"` : String(raw)} is not a known amanah id`),
      };
    case 'enum': {
      const allowed: ReadonlySet<string> = new Set(kind.values);
      const list = kind.values.join(', ');
      return {
        ...base,
        parse: (raw) =>
          typeof raw === 'string' && allowed.has(raw)
            ? raw
            : new ValueError(`${typeof raw === 'string' ? `"${clip(raw)}"` : String(raw)} is not one of ${list}`),
      };
    }
  }
}

function timeWindow(now: number): TimeWindow & { computedAt: number } {
  const latestMs = now + DAY_MS;
  const riyadhDay = new Date(latestMs + RIYADH_UTC_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 10);
  return { latestSeconds: Math.floor(latestMs / 1000), latestDay: riyadhDay, computedAt: now };
}
