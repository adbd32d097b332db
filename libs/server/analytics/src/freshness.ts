import type { DateRange } from '@amanah/calendar';
import type { DatasetName } from '@amanah/domain';
import type { Store } from '@amanah/store';

/**
 * When the data an answer counted last changed: the newest upload (a committed batch of ingest_batch_log, or its
 * withdrawal) of the answer's dataset with rows of the amanahs it covers and events in its days, or the demo seeding
 * (data_changes `seed`, which wrote every dataset). An answer's `asOf` is the newest event counted; this is the other
 * half of "how fresh": an upload of old-dated events moves it and not `asOf`, and a dataset that stopped arriving
 * keeps an old one.
 *
 * Cheap: the batch log (one row per batch) is read once per data version, as answers are cached, and each answer
 * filters it in memory.
 */
interface Upload {
  dataset: string;
  amanahs: readonly string[];
  /** Riyadh dates of the batch's oldest and newest event. */
  from: string;
  to: string;
  /** When it was committed or, once withdrawn, withdrawn: epoch milliseconds. */
  at: number;
}

interface UploadLog {
  uploads: Upload[];
  /** The last seeding, epoch milliseconds; 0 when the store was never seeded. */
  seededAt: number;
}

export class UploadTimes {
  private loaded: { version: number; log: Promise<UploadLog> } | undefined;

  constructor(private readonly store: Store) {}

  /**
   * ISO 8601 (UTC) of the last upload of `dataset` with rows of `amanahs` (undefined: any amanah) and events within
   * one of `ranges`; null when none is known. `version` is the data version the answer was computed at.
   */
  async lastUploadAt(version: number, dataset: DatasetName, amanahs: readonly string[] | undefined, ranges: readonly DateRange[]): Promise<string | null> {
    const log = await this.logAt(version);
    let newest = log.seededAt;
    for (const upload of log.uploads) {
      if (upload.at <= newest || upload.dataset !== dataset) continue;
      if (amanahs && !upload.amanahs.some((amanah) => amanahs.includes(amanah))) continue;
      if (!ranges.some((range) => upload.from <= range.to && upload.to >= range.from)) continue;
      newest = upload.at;
    }
    return newest > 0 ? new Date(newest).toISOString() : null;
  }

  private logAt(version: number): Promise<UploadLog> {
    if (this.loaded && this.loaded.version >= version) return this.loaded.log;
    const log = this.read();
    this.loaded = { version, log };
    // A failed read is not kept: the next answer asks again.
    log.catch(() => {
      if (this.loaded?.log === log) this.loaded = undefined;
    });
    return log;
  }

  private async read(): Promise<UploadLog> {
    const [uploads, seeded] = await Promise.all([
      this.store.select<{ dataset: string; amanahs: string[]; from: string; to: string; at_ms: number | string }>(
        `SELECT dataset, mapKeys(rows_by_amanah) AS amanahs, toString(toDate(assumeNotNull(event_from))) AS from,
                toString(toDate(assumeNotNull(event_to))) AS to,
                toUnixTimestamp64Milli(if(status = 'COMMITTED' OR withdrawn_at IS NULL, committed_at, assumeNotNull(withdrawn_at))) AS at_ms
         FROM ingest_batch_log FINAL WHERE rows > 0 AND event_from IS NOT NULL AND event_to IS NOT NULL`,
      ),
      this.store.select<{ at_ms: number | string }>(`SELECT toUnixTimestamp64Milli(max(at)) AS at_ms FROM data_changes WHERE kind = 'seed'`),
    ]);
    return {
      uploads: uploads.map((row) => ({ dataset: row.dataset, amanahs: row.amanahs, from: row.from, to: row.to, at: Number(row.at_ms) })),
      seededAt: Number(seeded[0]?.at_ms ?? 0),
    };
  }
}
