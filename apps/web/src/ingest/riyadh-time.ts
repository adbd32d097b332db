import { RIYADH_UTC_OFFSET_HOURS } from '@amanah/domain';

/**
 * An ISO 8601 UTC instant (a commit's or an upload's time) as Riyadh wall time `YYYY-MM-DDThh:mm:ss`: the form
 * @amanah/web-format's formatDateTime takes, like the API's event times, so every time on a page is Riyadh's.
 */
export function riyadhWallTime(isoUtc: string): string {
  return new Date(Date.parse(isoUtc) + RIYADH_UTC_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 19);
}
