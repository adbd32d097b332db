import { MIGRATIONS } from './migrations.js';

/**
 * The materialized views of the migrations, as written there: the one definition of what each rollup table holds
 * for the rows of its event table. Whoever recomputes a rollup from the raw rows (a withdrawal's refill, the
 * rollup-equals-raw checks of the specs) runs the view's own SELECT, so a rollup added by a migration is covered
 * without a code change.
 */
export interface RollupView {
  view: string;
  /** The table the view writes to (a rollup of the registry, rollups.ts). */
  table: string;
  /** The event table the view reads. */
  source: string;
  /** The view's SELECT, reading `source`. */
  select: string;
}

const CREATE_VIEW = /^CREATE MATERIALIZED VIEW IF NOT EXISTS (\w+) TO (\w+) AS\s+(.+?);?\s*$/s;
const FROM = /\bFROM\s+(\w+)\b/g;

let views: readonly RollupView[] | undefined;

/** Every materialized view of the migrations, in migration order (a later CREATE … IF NOT EXISTS of a name changes nothing). */
export function rollupViews(): readonly RollupView[] {
  views ??= MIGRATIONS.flatMap((migration) => migration.statements).reduce<RollupView[]>((found, statement) => {
    const match = CREATE_VIEW.exec(statement);
    if (!match || found.some((v) => v.view === match[1])) return found;
    const [, view, table, select] = match;
    const sources = [...select!.matchAll(FROM)].map((m) => m[1]!);
    // One source table, read once: what viewSelectFrom can point elsewhere. A view with a join or a subquery needs more.
    if (sources.length !== 1) throw new Error(`materialized view ${view}: expected one FROM <table>, found ${sources.length}`);
    return [...found, { view: view!, table: table!, source: sources[0]!, select: select! }];
  }, []);
  return views;
}

/** The views that read an event table. */
export function rollupViewsOf(source: string): readonly RollupView[] {
  return rollupViews().filter((view) => view.source === source);
}

/** The view's SELECT over another table of the source's columns (a copy, or a work table); `table` must be an identifier. */
export function viewSelectFrom(view: RollupView, table: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new Error(`viewSelectFrom: bad table ${table}`);
  return view.select.replace(FROM, `FROM ${table}`);
}
