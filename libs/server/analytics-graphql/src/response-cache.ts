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

/** Whole answers kept at most (between two writes): a dashboard's is ~40 kB, so ~20 MB at most. */
const DEFAULT_MAX_ENTRIES = 500;

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
  maxEntries?: number;
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
  private readonly answers = new Map<string, FormattedExecutionResult>();
  private readonly maxEntries: number;

  constructor(private readonly options: ResponseCacheOptions) {
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
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
        const key = [this.options.today(), caller.role, amanahs, operationName ?? '', queryHash, JSON.stringify(request.variables ?? {})].join('\u0000');
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
    this.advance(version);
    return version === this.version ? this.answers.get(key) : undefined;
  }

  private set(version: number, key: string, answer: FormattedExecutionResult): void {
    this.advance(version);
    if (version !== this.version) return; // computed before a write this cache has already seen
    if (this.answers.size >= this.maxEntries) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, answer);
    if (answer.data) SERIALIZED.set(answer.data, `${JSON.stringify({ data: answer.data })}\n`);
  }

  /** A newer data version: everything kept is older, so it goes. */
  private advance(version: number): void {
    if (version <= this.version) return;
    this.version = version;
    this.answers.clear();
  }
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
