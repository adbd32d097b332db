/** All calendar dates are days in Asia/Riyadh: UTC+3 all year, no daylight saving. */
export const RIYADH_TIME_ZONE = 'Asia/Riyadh';
export const RIYADH_UTC_OFFSET_HOURS = 3;

/** The earliest Riyadh day ingest accepts (`@amanah/ingest` values.ts): no stored event is older. */
export const EARLIEST_DAY = '2000-01-01';
