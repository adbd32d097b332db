import { ENUMS, type AmanahId } from '@amanah/domain';
import { apportion } from './apportion.js';
import { calendarDays, parseDay, type CalendarDay, DEMO_WINDOW } from './calendar.js';
import { FLOW_TARGETS, FOLLOWER_TARGETS, INDICATOR_TARGETS, type FlowTarget } from './calibration.js';
import { ALL_AMANAHS, STREAMS, STREAM_NAMES, expectedSeries, type StreamName } from './model.js';
import { AMANAH_PROFILES } from './profiles.js';

/**
 * The count plan: for every stream, amanah and stratum, the exact number of events on each day of the window.
 * Calibrated ranges get their target exactly (largest remainder over the days); the rest of the series follows
 * the model, scaled by the calibration ratio of the nearest calibrated ranges so that levels do not jump.
 */
export interface SeriesPlan {
  stream: StreamName;
  amanah: AmanahId;
  k1: string;
  k2: string;
  counts: number[]; // one per day of the window
}

export interface LevelSeries {
  amanah: AmanahId;
  key: string; // platform or indicator
  values: number[]; // one per day of the window (followers) or per snapshot day (indicators)
}

export interface DemoPlan {
  days: CalendarDay[];
  scale: number;
  series: SeriesPlan[];
  followers: LevelSeries[];
  /** Month-end snapshot days and, per amanah and indicator, the value on each. */
  snapshotDays: string[];
  indicators: LevelSeries[];
}

export function buildPlan(scale: number, targets: readonly FlowTarget[] = FLOW_TARGETS): DemoPlan {
  const days = calendarDays();
  const series: SeriesPlan[] = [];
  for (const amanah of ALL_AMANAHS) {
    for (const stream of STREAM_NAMES) {
      const factor = STREAMS[stream].scaled ? scale : 1;
      const strata = STREAMS[stream].strata(2024);
      const expected = strata.map((s) => expectedSeries(stream, amanah, s, days));
      const fixed = strata.map(() => new Map<number, number>());
      const anchors = strata.map(() => [] as { day: number; ratio: number }[]);
      for (const target of targets.filter((t) => t.amanah === amanah && t.stream === stream)) {
        const first = dayIndex(days, target.from);
        const last = dayIndex(days, target.to);
        const members = strata
          .map((s, i) => i)
          .filter((i) => (!target.k1 || target.k1.includes(strata[i]!.k1)) && (!target.k2 || target.k2.includes(strata[i]!.k2)));
        if (members.length === 0) throw new Error(`Calibration target for ${amanah} ${stream} matches no stratum`);
        const sums = members.map((i) => sum(expected[i]!, first, last));
        const modelTotal = sums.reduce((a, b) => a + b, 0);
        const perStratum = apportion(Math.round(target.total * factor), sums);
        members.forEach((i, m) => {
          const parts = apportion(perStratum[m]!, expected[i]!.subarray(first, last + 1));
          parts.forEach((count, d) => {
            if (fixed[i]!.has(first + d)) throw new Error(`Overlapping calibration targets for ${amanah} ${stream} on ${days[first + d]!.date}`);
            fixed[i]!.set(first + d, count);
          });
          anchors[i]!.push({ day: (first + last) / 2, ratio: modelTotal > 0 ? target.total / modelTotal : 1 });
        });
      }
      strata.forEach((s, i) => {
        const counts = fillUncalibrated(days, expected[i]!, fixed[i]!, anchors[i]!, factor);
        series.push({ stream, amanah, k1: s.k1, k2: s.k2, counts });
      });
    }
  }
  const snapshotDays = days.filter((d, i) => days[i + 1]?.month !== d.month).map((d) => d.date);
  return { days, scale, series, followers: followerLevels(days), snapshotDays, indicators: indicatorLevels(snapshotDays) };
}

function dayIndex(days: readonly CalendarDay[], date: string): number {
  const index = Math.round((parseDay(date) - parseDay(DEMO_WINDOW.from)) / 86_400_000);
  if (index < 0 || index >= days.length) throw new Error(`${date} is outside the demo window ${DEMO_WINDOW.from}..${DEMO_WINDOW.to}`);
  return index;
}

function sum(values: Float64Array, first: number, last: number): number {
  let total = 0;
  for (let i = first; i <= last; i++) total += values[i]!;
  return total;
}

/** Days outside calibrated ranges: expected × interpolated ratio × scale, rounded exactly per run of days in a month. */
function fillUncalibrated(
  days: readonly CalendarDay[],
  expected: Float64Array,
  fixed: Map<number, number>,
  anchors: { day: number; ratio: number }[],
  factor: number,
): number[] {
  anchors.sort((a, b) => a.day - b.day);
  const ratioAt = (day: number): number => {
    if (anchors.length === 0) return 1;
    if (day <= anchors[0]!.day) return anchors[0]!.ratio;
    for (let k = 1; k < anchors.length; k++) {
      const a = anchors[k - 1]!;
      const b = anchors[k]!;
      if (day <= b.day) return a.ratio + ((b.ratio - a.ratio) * (day - a.day)) / (b.day - a.day);
    }
    return anchors[anchors.length - 1]!.ratio;
  };
  const counts = new Array<number>(days.length).fill(0);
  let run: number[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const weights = run.map((d) => expected[d]! * ratioAt(d) * factor);
    const parts = apportion(Math.round(weights.reduce((a, b) => a + b, 0)), weights);
    run.forEach((d, k) => (counts[d] = parts[k]!));
    run = [];
  };
  for (const day of days) {
    const value = fixed.get(day.index);
    if (value !== undefined) {
      flush();
      counts[day.index] = value;
      continue;
    }
    if (run.length > 0 && days[run[0]!]!.month !== day.month) flush();
    run.push(day.index);
  }
  flush();
  return counts;
}

/** Followers at the end of 2024 for an amanah of size 1, and their yearly growth. */
const FOLLOWERS_BASE: Record<string, { level: number; growth: number }> = {
  twitter: { level: 900_000, growth: 0.1 }, facebook: { level: 150_000, growth: 0.04 },
  instagram: { level: 200_000, growth: 0.15 }, youtube: { level: 60_000, growth: 0.12 },
  snapchat: { level: 120_000, growth: 0.2 }, tiktok: { level: 90_000, growth: 0.45 },
  linkedin: { level: 30_000, growth: 0.2 }, whatsapp: { level: 15_000, growth: 0.25 },
};

/** Linear growth through an anchor: exact on the anchor day, never below a fifth of it. */
function levelThrough(anchorValue: number, anchorMs: number, yearlyGrowth: number, ms: number): number {
  const years = (ms - anchorMs) / (365 * 86_400_000);
  return Math.round(anchorValue * Math.max(0.2, 1 + yearlyGrowth * years));
}

function followerLevels(days: readonly CalendarDay[]): LevelSeries[] {
  const out: LevelSeries[] = [];
  for (const amanah of ALL_AMANAHS) {
    for (const platform of ENUMS.platform) {
      const base = FOLLOWERS_BASE[platform]!;
      const target = FOLLOWER_TARGETS.find((t) => t.amanah === amanah && t.platform === platform);
      const anchorValue = target?.value ?? Math.round(base.level * AMANAH_PROFILES[amanah].size);
      const anchorMs = parseDay(target?.asOf ?? '2024-12-31');
      out.push({ amanah, key: platform, values: days.map((d) => levelThrough(anchorValue, anchorMs, base.growth, parseDay(d.date))) });
    }
  }
  return out;
}

/** Indicator levels at the end of 2024 for an amanah of size s (a + b·s), and their yearly growth. */
const INDICATOR_BASE: Record<string, { fixed: number; perSize: number; growth: number }> = {
  staff: { fixed: 300, perSize: 9_000, growth: 0.01 },
  staff_female: { fixed: 50, perSize: 2_000, growth: 0.06 },
  registered_beneficiaries: { fixed: 20_000, perSize: 1_400_000, growth: 0.2 },
  digital_services: { fixed: 40, perSize: 40, growth: 0.08 },
  e_systems: { fixed: 20, perSize: 30, growth: 0.1 },
  sites: { fixed: 20, perSize: 80, growth: 0.03 },
  projects: { fixed: 30, perSize: 60, growth: 0.15 },
  projects_value_sar: { fixed: 90_000_000, perSize: 250_000_000, growth: 0.15 },
};

function indicatorLevels(snapshotDays: readonly string[]): LevelSeries[] {
  const out: LevelSeries[] = [];
  for (const amanah of ALL_AMANAHS) {
    for (const indicator of ENUMS.indicator) {
      const base = INDICATOR_BASE[indicator]!;
      const target = INDICATOR_TARGETS.find((t) => t.amanah === amanah && t.indicator === indicator);
      const anchorValue = target?.value ?? Math.round(base.fixed + base.perSize * AMANAH_PROFILES[amanah].size);
      const anchorMs = parseDay(target?.asOf ?? '2024-12-31');
      out.push({ amanah, key: indicator, values: snapshotDays.map((d) => levelThrough(anchorValue, anchorMs, base.growth, parseDay(d))) });
    }
  }
  return out;
}
