/**
 * The shared vocabulary of the contract, declared once: every other lib (server, web, shared) imports or re-exports
 * these instead of spelling the unions again. The GraphQL enums that mirror them are registered in
 * libs/server/graphql-types (graphql-types.ts) and libs/server/access (api-keys.graphql.ts).
 */

/** The two languages of every label, sentence and page. */
export type Lang = 'ar' | 'en';
/** A text in both languages. */
export type Localized = Record<Lang, string>;

/**
 * Calendar buckets of a series (weeks start on Sunday; Hijri buckets are Umm al-Qura months, quarters of three Hijri
 * months, and Hijri years; see libs/shared/calendar, buckets.ts). A bucket is named by its first Gregorian day.
 */
export const GRANULARITIES = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR', 'HIJRI_MONTH', 'HIJRI_QUARTER', 'HIJRI_YEAR'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** What a figure is compared with; SAME_PERIOD_LAST_HIJRI_YEAR: the same Hijri dates one Hijri year earlier. */
export const COMPARISONS = ['NONE', 'PREVIOUS_PERIOD', 'SAME_PERIOD_LAST_YEAR', 'SAME_PERIOD_LAST_HIJRI_YEAR'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** API key roles; what each may do is libs/server/access (roles.ts). */
export const ROLES = ['viewer', 'press', 'analyst', 'ingest', 'admin'] as const;
export type Role = (typeof ROLES)[number];
