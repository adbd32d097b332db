import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { Kind, type FormattedExecutionResult, type OperationDefinitionNode } from 'graphql';
import { responseCacheLookups } from '@amanah/telemetry';

/**
 * Root fields whose whole answer follows from the caller's role and amanahs, the arguments, the data version and
 * today, and from nothing else (no key id, no clock, nothing written without a new data version): analytics answers,
 * dashboards and reference data. Targets record a data change when set, so a KPI's target is covered too. Each is a
 * plain `read` for access control (no AccessOperation of its own): ResponseCacheOptions.admit checks just that.
 */
const CACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set([
  'dashboard', 'dashboards', 'kpi', 'series', 'breakdown', 'ranking', 'heatmap', 'metrics', 'amanahs', '__typename',
]);

/**
 * The cache is bounded by the size of the text it keeps, not by a count: a dashboard's answer is ~40 kB, but one
 * request may ask for megabytes (daily series by amanah over years), and any reader could otherwise fill the process's
 * memory with such answers under variables that change nothing. Oldest answers go first; an answer larger than
 * MAX_ANSWER_BYTES is never kept (it is rare, and it would push out hundreds of dashboards).
 */
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
const MAX_ANSWER_BYTES = 512 * 1024;

/** The JSON text of each kept answer's `data`, written once: Apollo writes it out again for every request otherwise. */
const SERIALIZED = new WeakMap<object, string>();

/**
 * Apollo's `stringifyResult`: a kept answer's text as written when it was kept, anything else as Apollo writes it
 * (`JSON.stringify` and a newline).
 */
export function stringifyResult(value: FormattedExecutionResult): string {
  const kept = value.errors === undefined && value.extensions === undefined && value.data ? SERIALIZED.get(value.data) : undefined;
  return kept ?? `${JSON.stringify(value)}\n`;
}

/** Who the answer is for, as far as it can differ: the role and the amanahs. */
export interface CachedCaller {
  role: string;
  amanahs: readonly string[] | 'all';
}

export interface ResponseCacheOptions {
  /**
   * The caller, after every check the access guard makes for a read (authentication, one token of the key's rate
   * limit, the role); undefined when a check refuses, and the request then runs as usual (the guard refuses it).
   */
  admit(req: unknown): Promise<CachedCaller | undefined>;
  /** The data version this request's answers are computed at (the query runner's, read once per request). */
  dataVersion(): Promise<number>;
  /** Today (Asia/Riyadh), which range presets resolve against. */
  today(): string;
  /** The text kept at most, in bytes (JSON, UTF-16 code units counted as bytes). */
  maxBytes?: number;
}

/**
 * The GraphQL response cache: the whole answer of a read of the fields above (the dashboard request the web app
 * sends, say), kept under the data version and served again to a caller of the same role and amanahs for the same
 * query text, operation and variables on the same day, without running a resolver. Every write records a data
 * change (ingest, withdrawal, seeding, targets), so the next request reads a new version and nothing older is
 * served; the cache then starts afresh. Answers with any error are not kept. Anything the cache cannot vouch for
 * (another root field, a mutation, a caller a check refuses, a failed version read) runs as usual.
 */
export class ResponseCache implements ApolloServerPlugin<{ req?: unknown }> {
  private version = -1;
  private readonly answers = new Map<string, { answer: FormattedExecutionResult; bytes: number }>();
  private bytes = 0;
  private readonly maxBytes: number;

  constructor(private readonly options: ResponseCacheOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  async requestDidStart(): Promise<GraphQLRequestListener<{ req?: unknown }>> {
    let entry: { version: number; key: string } | undefined;
    let served = false;
    return {
      responseForOperation: async ({ operation, operationName, queryHash, request, contextValue }) => {
        if (!isCacheable(operation)) return null;
        const caller = await this.options.admit(contextValue.req);
        if (!caller) return null;
        let version: number;
        try {
          version = await this.options.dataVersion();
        } catch {
          return null; // the resolvers meet the same failure and answer it as usual
        }
        const amanahs = caller.amanahs === 'all' ? '*' : [...caller.amanahs].sort().join(',');
        // Only the variables the operation declares, in a fixed order: others change nothing in the answer.
        const key = [this.options.today(), caller.role, amanahs, operationName ?? '', queryHash, declaredVariables(operation, request.variables)].join('\u0000');
        entry = { version, key };
        const answer = this.get(version, key);
        responseCacheLookups.inc({ result: answer ? 'hit' : 'miss' });
        if (!answer) return null;
        served = true;
        return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: answer.data } } };
      },
      willSendResponse: async ({ response }) => {
        if (served || !entry) return;
        const { body, http } = response;
        if (body.kind !== 'single' || body.singleResult.errors || !body.singleResult.data || (http.status ?? 200) !== 200) return;
        this.set(entry.version, entry.key, { data: body.singleResult.data });
      },
    };
  }

  private get(version: number, key: string): FormattedExecutionResult | undefined {
    if (version !== this.version) {
      // Another data version (a write, or a restore that took it back): nothing kept is of it.
      this.version = version;
      this.answers.clear();
      this.bytes = 0;
      return undefined;
    }
    return this.answers.get(key)?.answer;
  }

  private set(version: number, key: string, answer: FormattedExecutionResult): void {
    if (version !== this.version || !answer.data || this.answers.has(key)) return; // computed at a version no longer current
    const text = `${JSON.stringify({ data: answer.data })}\n`;
    if (text.length > MAX_ANSWER_BYTES) return;
    while (this.bytes + text.length > this.maxBytes && this.answers.size > 0) {
      const [oldest, kept] = this.answers.entries().next().value!;
      this.answers.delete(oldest);
      this.bytes -= kept.bytes;
    }
    this.answers.set(key, { answer, bytes: text.length });
    this.bytes += text.length;
    SERIALIZED.set(answer.data, text);
  }
}

/** The values of the variables `operation` declares, as JSON with every object's keys in order. */
function declaredVariables(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): string {
  const declared = (operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value).sort();
  // An absent variable (its default applies) is [name], an explicit null [name, null].
  return JSON.stringify(declared.map((name) => (variables && Object.hasOwn(variables, name) ? [name, variables[name]] : [name])), (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

/** A query whose every root selection is a field of CACHEABLE_ROOT_FIELDS (no fragment at the root, no directive). */
function isCacheable(operation: OperationDefinitionNode): boolean {
  return (
    operation.operation === 'query' &&
    operation.selectionSet.selections.every(
      (selection) => selection.kind === Kind.FIELD && !selection.directives?.length && CACHEABLE_ROOT_FIELDS.has(selection.name.value),
    )
  );
}
