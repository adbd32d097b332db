/** All calendar dates are days in Asia/Riyadh: UTC+3 all year, no daylight saving. */
export const RIYADH_TIME_ZONE = 'Asia/Riyadh';
export const RIYADH_UTC_OFFSET_HOURS = 3;
