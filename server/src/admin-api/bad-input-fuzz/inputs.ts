// What a route takes, described for the bad-input fuzzer (people-bad-input.fuzz.test.ts): each input
// with its valid value, values that are never valid for it, and how odd text in it is answered.
import { ROLES, type Role } from '../../people/roles';
import type { Json } from '../../test-support/json-tree';

/**
 * How a request is answered: `refused` is a 4xx that writes nothing. Two refusals write by design:
 * `counted`, a sign-in with a wrong user name or password, counts against the rate limit before the
 * password is checked; `audited`, a well-formed request for a secret the caller may not see (an end
 * user who never logged on to the computer), is rate-limited and audited like every attempt.
 * `either` may be accepted (well-formed odd text in a free-text field), but never with a 5xx.
 */
export type Outcome = 'refused' | 'counted' | 'audited' | 'either';

/** The tables a refusal of each kind may add rows to. */
export const WRITTEN_BY: Record<Exclude<Outcome, 'either'>, string[]> = {
  refused: [],
  counted: ['rate_limit_buckets', 'rate_limit_events'],
  audited: ['rate_limit_buckets', 'rate_limit_events', 'audit_log'],
};

/** One input: a JSON field, a form field or a query parameter. */
export interface Input {
  /** in the valid request; `undefined`: left out of it */
  valid: Json | undefined;
  required: boolean;
  /** values that make the request invalid whatever the other inputs hold */
  bad: Json[];
  /** how odd text (unicode edge cases, broken UTF-8) in this input is answered */
  odd: Outcome;
  /** sign-in only: values refused as a wrong user name or password */
  counted?: Json[];
  /** a JSON object's fields */
  fields?: Record<string, Input>;
}

/** The JSON and form body limit of the people-facing routes (config bodyLimitBytes, @fastify/formbody). */
export const BODY_LIMIT = 64 * 1024;
/** Longer than any field may be, short enough for the body limit. */
export const NEAR_LIMIT = 'x'.repeat(BODY_LIMIT - 4096);
export const TYPES: Json[] = [null, true, false, 0, -1, 1.5, 'text', [], ['x'], {}, { a: 1 }];
const kindOf = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const notA = (type: string): Json[] => TYPES.filter((v) => kindOf(v) !== type);

interface Presence {
  optional?: boolean;
}

/** A JSON string of at most `max` characters (and at least `min`). */
export const text = (
  valid: string | undefined,
  o: Presence & { max: number; min?: number; odd?: Outcome; bad?: Json[] },
): Input => ({
  valid,
  required: !o.optional,
  odd: o.odd ?? 'refused',
  bad: [
    ...notA('string'),
    ...((o.min ?? 0) > 0 ? [''] : []),
    'x'.repeat(o.max + 1),
    NEAR_LIMIT,
    ...(o.bad ?? []),
  ],
});

export const integer = (
  valid: number | undefined,
  min: number,
  max: number,
  o: Presence & { nullable?: boolean } = {},
): Input => ({
  valid,
  required: !o.optional,
  odd: 'refused',
  bad: [...notA('number'), min - 1, max + 1, 1.5, String(valid ?? min), 1e300, -1e300, 2 ** 53 + 2].filter(
    (v) => !(o.nullable && v === null),
  ),
});

export const flag = (valid: boolean | undefined, o: Presence = {}): Input => ({
  valid,
  required: !o.optional,
  odd: 'refused',
  bad: [...notA('boolean'), 'true', 'on', 1, 0],
});

/** One of `values`; near misses (case, spaces, a NUL) are bad. */
export const choice = (values: readonly string[], valid: string, more: Json[] = []): Input => ({
  valid,
  required: true,
  odd: 'refused',
  bad: [
    ...notA('string'),
    ...['', valid.toLowerCase(), valid.toUpperCase(), ` ${valid}`, `${valid} `, `${valid}\u0000`, 'Root'],
    ...more,
  ].filter((v) => !values.includes(v as string)),
});

export const roleList = (valid: Role[], o: Presence = {}): Input => ({
  valid,
  required: !o.optional,
  odd: 'refused',
  // prettier-ignore
  bad: [...notA('array'), ['Root'], [1], [null], [['Helpdesk']], ['helpdesk'], ['Helpdesk,Report Users'], [...ROLES, 'Helpdesk']],
});

export const object = (fields: Record<string, Input>, o: Presence = {}): Input => ({
  valid: Object.fromEntries(
    Object.entries(fields).flatMap(([k, f]) => (f.valid === undefined ? [] : [[k, f.valid]])),
  ),
  required: !o.optional,
  odd: 'refused',
  bad: [...notA('object'), {}],
  fields,
});

/** A form field (always text); `max` adds the too-long values. */
export const field = (
  valid: string | string[] | undefined,
  bad: string[],
  o: Presence & { max?: number; odd?: Outcome; counted?: string[] } = {},
): Input => ({
  valid,
  required: !o.optional,
  odd: o.odd ?? 'refused',
  bad: [...bad, ...(o.max === undefined ? [] : ['x'.repeat(o.max + 1), NEAR_LIMIT])],
  counted: o.counted,
});

/** Unicode edge cases: well-formed text that free-text fields may accept and others must refuse. */
// prettier-ignore
export const ODD_TEXT = [
  '\u0000', 'a\u0000b', '\ud800', 'a\udfffb', '\u202egnp.exe', '\u200f\u200e', '\ufeff', 'e\u0301',
  '😀'.repeat(5), '\uffff', '\u2028\u2029', 'tab\there', 'line\nbreak', 'İß', '中文', '<script>alert(1)</script>',
];
/** Bytes that are not UTF-8, raw or as %-escapes. */
export const BROKEN_BYTES = [
  [0xff],
  [0xfe, 0xff],
  [0xc3, 0x28],
  [0xed, 0xa0, 0x80],
  [0xc0, 0xaf],
  [0xe2, 0x82],
];
export const BROKEN_ESCAPES = ['%FF', '%C3%28', '%ED%A0%80', '%C0%AF', '%', '%G0', '%E0%A4%A'];
/** Path parameters that name nothing, raw as they go into the path. */
// prettier-ignore
export const PARAM_BAD = [
  '%00', 'x'.repeat(5000), 'x'.repeat(101), '..', '%2e%2e', '.', '%2F', '%FF', '%', '%E0%A4%A', '%ED%A0%80',
  '%C0%AF', 'null', '00000000-0000-4000-8000-000000000000', '%7B00000000-0000-0000-0000-000000000000%7D', '%20',
  '-1', "'%3B%20DROP%20TABLE%20local_users%3B--", '%E2%80%AE', '%F0%9F%98%80', '*',
];
/** Query strings a page ignores or reads defensively. */
// prettier-ignore
export const JUNK_QUERY = [
  'next=%00', 'done=..', 'done=revoked&done=password', 'reason=%FF', `q=${'x'.repeat(5000)}`,
  '__proto__[polluted]=1', 'constructor=1', 'keyId[]=1', '%', '=&&=', 'done=%E2%80%AE',
];
