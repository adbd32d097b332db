import { AsyncResource } from 'node:async_hooks';
import { WorkRefusedError } from './refusals.js';
import { currentWork, type WorkContext, type WorkKind } from './work-context.js';

/**
 * Decides which statement the engine runs next, so that no caller can make everyone else wait.
 *
 * - Reads and writes have slots of their own (`slots.read`, `slots.write`): ingest never waits for a slow read to
 *   finish, however many readers there are, and reads never wait behind ingest. The embedded engine has one of each,
 *   on a connection each (see store.ts): chDB runs parameterised statements one at a time per process anyway (a write
 *   with parameters waits there for the read running), and a failed statement must be the last one on its
 *   connection. A server has more.
 * - Waiting statements queue per lane (one lane per API key, from the WorkContext) and lanes of a kind take turns
 *   (the lane served longest ago goes next), so a key that sends thirty queries waits behind its own thirty, while
 *   another key's one query goes next.
 * - Within a lane, the statement of the request with the earliest deadline (the oldest request) goes first: a request
 *   whose first statements have run finishes before the same key's newer requests start, rather than queueing again
 *   behind them and running out of time with its work half done.
 * - A statement whose request is past its deadline is refused without running; a lane with `maxWaitingPerLane`
 *   statements already waiting is refused at once (OVERLOADED), so memory and wait stay bounded.
 * - An exclusive section (Store.exclusive) waits for the running statements of both kinds to finish, then runs its
 *   own statements with nothing else in between: a multi-statement write appears to readers all at once.
 */
export interface SchedulerOptions {
  slots: Record<WorkKind, number>;
  maxWaitingPerLane: number;
}

interface Job {
  run: (kind: WorkKind) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  context: WorkContext | undefined;
}

interface Lane {
  key: string;
  jobs: Job[];
  running: number;
  kind: WorkKind;
  /** When this lane was last served (a counter): the lane served longest ago goes next; a new lane, first. */
  servedAt: number;
}

interface ExclusiveGrant {
  lane: string;
  grant: () => void;
}

const SYSTEM_LANE = 'system';
const EXCLUSIVE_PREFIX = 'exclusive:';

export class EngineScheduler {
  private readonly running: Record<WorkKind, number> = { read: 0, write: 0 };
  private readonly lanes = new Map<string, Lane>();
  private turns = 0;
  private readonly waitingExclusive: ExclusiveGrant[] = [];
  private activeExclusive: string | undefined;
  private exclusiveCount = 0;

  constructor(private readonly options: SchedulerOptions) {}

  /**
   * Runs `statement` when its turn comes, in the current work's lane; it is told which kind of slot it runs in.
   * Work outside requests (start-up, migrations, the CLI) is a write.
   */
  run<T>(statement: (kind: WorkKind) => Promise<T>): Promise<T> {
    const context = currentWork();
    const kind = context?.exclusive ? 'write' : (context?.kind ?? 'write');
    // A key's reads and its writes queue apart: each lane is of one kind.
    const lane = this.lane(context?.exclusive ?? `${kind}:${context?.lane ?? SYSTEM_LANE}`, kind);
    if (lane.jobs.length >= this.options.maxWaitingPerLane) {
      return Promise.reject(
        new WorkRefusedError('OVERLOADED', `Too many of this caller's queries are already waiting (${lane.jobs.length}): try again shortly.`, 1),
      );
    }
    return new Promise<T>((resolve, reject) => {
      // The statement runs in its caller's context (its request's deadline, lane, exclusive section), not in that of
      // whichever statement's end happens to start it: the store reads the deadline when the statement starts.
      lane.jobs.push({ run: AsyncResource.bind(statement), resolve: resolve as (value: unknown) => void, reject, context });
      this.pump();
    });
  }

  /**
   * Runs `section` alone: once the statements already running have finished, only the section's own statements run
   * until it returns. Sections queue behind each other.
   */
  async exclusive<T>(section: (lane: string) => Promise<T>): Promise<T> {
    const lane = `${EXCLUSIVE_PREFIX}${++this.exclusiveCount}`;
    await new Promise<void>((grant) => {
      this.waitingExclusive.push({ lane, grant });
      this.pump();
    });
    try {
      return await section(lane);
    } finally {
      this.activeExclusive = undefined;
      this.lanes.delete(lane);
      this.pump();
    }
  }

  private lane(key: string, kind: WorkKind): Lane {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { key, jobs: [], running: 0, kind, servedAt: 0 }));
    return lane;
  }

  private pump(): void {
    if (this.activeExclusive) {
      const lane = this.lanes.get(this.activeExclusive);
      while (lane && lane.jobs.length > 0 && this.running.write < this.options.slots.write) this.start(lane, lane.jobs.shift()!);
      return;
    }
    if (this.waitingExclusive.length > 0) {
      // The section waits for what is running, and nothing new starts meanwhile.
      if (this.running.read + this.running.write > 0) return;
      const next = this.waitingExclusive.shift()!;
      this.activeExclusive = next.lane;
      next.grant();
      return; // the section's statements arrive later and pump again
    }
    for (const kind of ['write', 'read'] as const) {
      while (this.running[kind] < this.options.slots[kind]) {
        const picked = this.nextFair(kind);
        if (!picked) break;
        this.start(picked.lane, picked.job);
      }
    }
  }

  /** The lane of this kind served longest ago, and its oldest statement still in time. */
  private nextFair(kind: WorkKind): { lane: Lane; job: Job } | undefined {
    const perLane = Math.max(1, Math.ceil(this.options.slots[kind] / 2));
    for (;;) {
      let lane: Lane | undefined;
      for (const candidate of this.lanes.values()) {
        if (candidate.kind !== kind || candidate.jobs.length === 0 || candidate.running >= perLane) continue;
        if (!lane || candidate.servedAt < lane.servedAt) lane = candidate;
      }
      if (!lane) return undefined;
      lane.servedAt = ++this.turns;
      const job = takeEarliestDeadline(lane.jobs);
      const deadline = job.context?.deadline;
      if (deadline !== undefined && Date.now() >= deadline) {
        job.reject(new WorkRefusedError('QUERY_TIMEOUT', TIMEOUT_MESSAGE));
        this.forgetIfIdle(lane);
        continue;
      }
      return { lane, job };
    }
  }

  private start(lane: Lane, job: Job): void {
    this.running[lane.kind]++;
    lane.running++;
    void job
      .run(lane.kind)
      .then(job.resolve, job.reject)
      .finally(() => {
        this.running[lane.kind]--;
        lane.running--;
        this.forgetIfIdle(lane);
        this.pump();
      });
  }

  private forgetIfIdle(lane: Lane): void {
    if (lane.jobs.length === 0 && lane.running === 0 && lane.key !== this.activeExclusive) this.lanes.delete(lane.key);
  }
}

/** Removes and returns the job whose request's deadline is earliest (first come first among equals; none = last). */
function takeEarliestDeadline(jobs: Job[]): Job {
  let best = 0;
  for (let i = 1; i < jobs.length; i++) {
    if ((jobs[i]!.context?.deadline ?? Infinity) < (jobs[best]!.context?.deadline ?? Infinity)) best = i;
  }
  return jobs.splice(best, 1)[0]!;
}

/** What a caller whose request ran out of time reads (the engine's own timeout says the same, see store.ts). */
export const TIMEOUT_MESSAGE =
  'This request ran out of time and was stopped: ask for fewer fields or a shorter range, or accept approximate answers.';
