import { AsyncResource } from 'node:async_hooks';
import { WorkRefusedError } from './refusals.js';
import { currentWork, type WorkContext } from './work-context.js';

/**
 * Decides which statement the engine runs next, so that no caller can make everyone else wait.
 *
 * - `slots` statements run at once: 1 for the embedded engine (chDB runs parameterised statements one at a time per
 *   process anyway, and a failed statement must be the last one on its connection: see store.ts), more for a server.
 * - Waiting statements queue per lane (one lane per API key, from the WorkContext) and lanes take turns (the lane
 *   served longest ago goes next), so a key that sends thirty queries waits behind its own thirty, while another
 *   key's one query goes next.
 * - Writes keep a reserved share: while a write waits, every other turn is a write's, however many reads queue; and
 *   since a turn lasts as long as its statement (a dashboard's read can take a second, an ingest's stage insert a
 *   few milliseconds), writes also take extra turns while the reads have had more engine time than they (up to
 *   `MAX_WRITE_CREDIT_MS`): an ingest's statements then get about half the engine, not one read's time each.
 * - Within a lane, the statement of the request with the earliest deadline (the oldest request) goes first: a request
 *   whose first statements have run finishes before the same key's newer requests start, rather than queueing again
 *   behind them and running out of time with its work half done.
 * - A statement whose request is past its deadline is refused without running; a lane with `maxWaitingPerLane`
 *   statements already waiting is refused at once (OVERLOADED), so memory and wait stay bounded.
 * - An exclusive section (Store.exclusive) waits for the running statements to finish, then runs its own statements
 *   with nothing else in between: a multi-statement write appears to readers all at once.
 */
export interface SchedulerOptions {
  slots: number;
  maxWaitingPerLane: number;
  /** Milliseconds, for the time share of writes (tests pass their own clock). Default performance.now. */
  now?: () => number;
}

/** How far the reads' engine time may run ahead of the writes' before writes take turns in a row. */
const WRITE_CREDIT_THRESHOLD_MS = 20;
/** The most engine time the writes are owed: reads never wait behind more than about this much writing in a row. */
const MAX_WRITE_CREDIT_MS = 1_000;

interface Job {
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  context: WorkContext | undefined;
}

interface Lane {
  key: string;
  jobs: Job[];
  running: number;
  kind: 'read' | 'write';
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
  private running = 0;
  private readonly lanes = new Map<string, Lane>();
  private writeTurn = true;
  /** Engine ms of reads minus writes while writes waited (clamped): what the writes are owed. */
  private writeCredit = 0;
  private turns = 0;
  private readonly waitingExclusive: ExclusiveGrant[] = [];
  private activeExclusive: string | undefined;
  private exclusiveCount = 0;

  constructor(private readonly options: SchedulerOptions) {}

  /** Runs `statement` when its turn comes, in the current work's lane. */
  run<T>(statement: () => Promise<T>): Promise<T> {
    const context = currentWork();
    const laneKey = context?.exclusive ?? context?.lane ?? SYSTEM_LANE;
    const lane = this.lane(laneKey, context?.kind ?? 'write');
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


  private lane(key: string, kind: 'read' | 'write'): Lane {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { key, jobs: [], running: 0, kind, servedAt: 0 }));
    return lane;
  }

  private pump(): void {
    while (this.running < this.options.slots) {
      if (this.activeExclusive) {
        const lane = this.lanes.get(this.activeExclusive);
        const job = lane?.jobs.shift();
        if (!job) return;
        this.start(lane!, job);
        continue;
      }
      if (this.waitingExclusive.length > 0) {
        if (this.running > 0) return; // the section waits for what is running, and nothing new starts meanwhile
        const next = this.waitingExclusive.shift()!;
        this.activeExclusive = next.lane;
        next.grant();
        return; // the section's statements arrive later and pump again
      }
      const picked = this.nextFair();
      if (!picked) return;
      this.start(picked.lane, picked.job);
    }
  }

  /** The next lane in turn (writes every other turn while any wait) and its oldest statement still in time. */
  private nextFair(): { lane: Lane; job: Job } | undefined {
    const perLane = Math.max(1, Math.ceil(this.options.slots / 2));
    const next = (kind: 'read' | 'write') => {
      let best: Lane | undefined;
      for (const lane of this.lanes.values()) {
        if (lane.kind !== kind || lane.jobs.length === 0 || lane.running >= perLane) continue;
        if (!best || lane.servedAt < best.servedAt) best = lane;
      }
      return best;
    };
    for (;;) {
      const write = next('write');
      const read = next('read');
      // Both waiting: alternate, and writes also go while they are owed engine time (see writeCredit).
      const lane = write && read ? (this.writeTurn || this.writeCredit > WRITE_CREDIT_THRESHOLD_MS ? write : read) : (write ?? read);
      if (!lane) return undefined;
      // Time counts only while both kinds contend: writes alone owe nothing, and reads alone build no credit
      // beyond the statement starting now (a write arriving meanwhile waits for it).
      if (!write) this.writeCredit = Math.min(this.writeCredit, 0);
      if (!read) this.writeCredit = Math.max(this.writeCredit, 0);
      this.writeTurn = lane.kind === 'read';
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
    this.running++;
    lane.running++;
    const now = this.options.now ?? (() => performance.now());
    const started = now();
    void job
      .run()
      .then(job.resolve, job.reject)
      .finally(() => {
        const ms = now() - started;
        const credit = this.writeCredit + (lane.kind === 'read' ? ms : -ms);
        this.writeCredit = Math.max(-MAX_WRITE_CREDIT_MS, Math.min(MAX_WRITE_CREDIT_MS, credit));
        this.running--;
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
