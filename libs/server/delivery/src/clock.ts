/** The time, injectable: the scheduler and alerts read it here, and tests move it by hand. */
export interface Clock {
  now(): Date;
}

export const SYSTEM_CLOCK: Clock = { now: () => new Date() };
