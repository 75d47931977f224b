// Shared machinery of the fuzz tests (`*.fuzz.test.ts`): a seeded PRNG, a per-call time bound, and the
// checks every reader of a user's file must pass: succeed, or throw a user error whose message says what
// failed, under which rule, in which file. Every failure names OPENMBAM_FUZZ_SEED and its mutation, so
// `OPENMBAM_FUZZ_SEED=<seed> npx mocha … <file>` replays it; OPENMBAM_FUZZ_SCALE=10 runs ten times as many cases.
import { expect } from 'chai';
import { performance } from 'node:perf_hooks';
import { DefinitionErrors, PolicyUserError } from '../errors';
import { XmlSyntaxError } from '../xml/parse';

export const SEED = Number(process.env.OPENMBAM_FUZZ_SEED ?? 0x0bad5eed);
export const SCALE = Number(process.env.OPENMBAM_FUZZ_SCALE ?? 1);
/** No single call may take longer: a hang or a quadratic blow-up is a bug like a crash. */
export const TIME_LIMIT_MS = 2000;

/** mulberry32: a tiny, fast, seedable PRNG (public domain; good enough to pick mutations). */
export class Rng {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[this.int(xs.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** The generator for case `n` of a stream (FNV-1a of seed, stream and n: no two cases share a sequence). */
export function caseRng(stream: string, n: number, seed = SEED): Rng {
  let h = 0x811c9dc5;
  for (const c of `${seed}:${stream}:${n}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return new Rng(h);
}

/** Shortens a value for a description. */
export const show = (s: string, max = 60): string => {
  const j = JSON.stringify(s);
  return j.length > max ? `${j.slice(0, max - 12)}…(${s.length} chars)` : j;
};

export interface Outcome<T> {
  readonly value?: T;
  readonly error?: unknown;
  readonly ms: number;
}

export function timed<T>(f: () => T): Outcome<T> {
  const t0 = performance.now();
  try {
    const value = f();
    return { value, ms: performance.now() - t0 };
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
}

export async function timedAsync<T>(f: () => Promise<T>): Promise<Outcome<T>> {
  const t0 = performance.now();
  try {
    const value = await f();
    return { value, ms: performance.now() - t0 };
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
}

/** Collects failing cases, so one run reports every distinct problem instead of the first one. */
export class Failures {
  readonly list: string[] = [];
  /** Outcome counts (`accepted`, `refused: <rule>`), printed with OPENMBAM_FUZZ_VERBOSE=1 to judge coverage. */
  readonly outcomes = new Map<string, number>();
  slowest = 0;

  /** Counts the outcome, then runs the case's assertions, keeping a failure instead of stopping. */
  check(ctx: string, outcome: Outcome<unknown>, assertions: () => void): void {
    const e = outcome.error;
    const key =
      e === undefined
        ? 'accepted'
        : e instanceof PolicyUserError
          ? `refused: ${e.rule}`
          : `threw ${String(e)}`;
    this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + 1);
    this.slowest = Math.max(this.slowest, outcome.ms);
    try {
      expect(outcome.ms, `${ctx}: took ${Math.round(outcome.ms)} ms`).to.be.below(TIME_LIMIT_MS);
      assertions();
    } catch (err) {
      this.list.push((err as Error).message);
    }
  }

  /** Fails with the first few, one per line. */
  expectNone(what: string): void {
    if (process.env.OPENMBAM_FUZZ_VERBOSE)
      console.log(what, `slowest ${Math.round(this.slowest)} ms`, Object.fromEntries(this.outcomes));
    const lines = process.env.OPENMBAM_FUZZ_VERBOSE ? 40 : 6;
    const shown = this.list.slice(0, 8).map((m) => `- ${m.split('\n').slice(0, lines).join('\n    ')}`);
    expect(this.list.length, `${this.list.length} ${what} failed:\n${shown.join('\n')}`).to.equal(0);
  }
}

/** Messages that betray a JavaScript crash dressed up as a user error. */
const CRASH_TEXT =
  /Cannot read prop|is not a function|is not iterable|\[object Object\]|undefined is not|Maximum call stack|Do not know how to serialize/;

/**
 * The refusal must be a user error (PolicyUserError, or XmlSyntaxError from the XML reader) whose message
 * is not empty, names its rule, names one of the files it was given (when it names one) and, for a syntax
 * error, its line and column.
 */
export function expectUserError(e: unknown, ctx: string, files: readonly string[]): void {
  if (!(e instanceof PolicyUserError) && !(e instanceof XmlSyntaxError)) {
    const err = e as Error;
    expect.fail(`${ctx}\n  threw ${err.name}: ${err.message}\n${err.stack ?? ''}`);
  }
  const msg = e.message;
  expect(msg.trim(), `${ctx}: empty message`).not.to.equal('');
  expect(msg, `${ctx}: the message betrays a crash`).not.to.match(CRASH_TEXT);
  if (!(e instanceof PolicyUserError)) return;
  expect(msg, `${ctx}: the message names no rule`).to.match(/\n {2}rule: +\S/);
  if (e.file !== undefined)
    expect(files, `${ctx}: the error names a file it was not given`).to.include(e.file);
  else expect(files, `${ctx}: the error does not name the file`).to.deep.equal([]);
  if (e.rule === 'well-formed')
    expect(msg, `${ctx}: a syntax error without line:column`).to.match(/\d+:\d+: /);
  if (e instanceof DefinitionErrors) {
    expect(e.errors.length, ctx).to.be.greaterThan(0);
    for (const d of e.errors) expect(d.rule, `${ctx}: ${d.message}`).to.match(/\S/);
  }
}
