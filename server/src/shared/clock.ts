// Timestamps are stored as ISO-8601 UTC strings (db/column-types.ts); one helper makes them.
export const isoNow = (now: Date = new Date()): string => now.toISOString();
export const isoAfter = (seconds: number, now: Date = new Date()): string =>
  new Date(now.getTime() + seconds * 1000).toISOString();
