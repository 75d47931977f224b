// The kinds of bad input the fuzzer sends, each a near miss of a route's valid request, and the
// seeded choice of which: every kind in turn, its details (field, value, bytes) from the seed.
import { CSRF_FIELD } from '../../portals/shell/forms';
import { formKinds } from './form-mutations';
import { BODY_LIMIT, BROKEN_ESCAPES, JUNK_QUERY, ODD_TEXT } from './inputs';
import { jsonKinds } from './json-mutations';
import { type Rng, prng } from '../../test-support/seeded-random';
import { type Generator, type Mutation, show } from './mutation';
import type { Sent } from '../../test-support/raw-http';
import { type RequestBuilder, SPLICE, encodeForm, replacePair } from './requests';

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

// prettier-ignore
const malformedJson = (valid: string): string[] => [
  valid.slice(0, -1), `${valid}}`, `${valid},`, `${valid}garbage`, valid.replace(/"/g, "'"),
  valid.replace(':', ':NaN,"z":'), '{', ' ', `\ufeff${valid}`, valid.replace('{', '{/*comment*/'), '{"a":1,}',
  'nul', '[', '{"a":"\\x41"}', '{"a":"\\ud800',
].filter((text) => !parses(text));

const MEDIA_TYPES = [
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  'text/json',
  null,
];

const paramMutation: Generator = (b, rng) => {
  const params = Object.entries(b.route.params ?? {});
  if (params.length === 0) return null;
  const [name, param] = rng.pick(params);
  const value = rng.pick(param.bad);
  return {
    what: `path parameter ${name} = ${show(value)}`,
    outcome: 'refused',
    sent: { ...b.valid(), path: b.path({ [name]: value }) },
  };
};

const csrfMutation: Generator = (b, rng) => {
  const token = b.caller.csrf!;
  const [what, value] = rng.pick([
    ['none', null],
    ['empty', ''],
    ['wrong', 'A'.repeat(token.length)],
    ['truncated', token.slice(0, -1)],
    ['longer', `${token}A`],
    ['repeated', token],
  ] as const);
  if (b.route.form) {
    const csrf =
      value === null
        ? []
        : what === 'repeated'
          ? [CSRF_FIELD, CSRF_FIELD].map((k): [string, string] => [k, token])
          : [[CSRF_FIELD, value] as [string, string]];
    return { what: `CSRF token ${what}`, outcome: 'refused', sent: b.formBody(b.validForm, { csrf }) };
  }
  const valid = b.valid();
  const { 'x-csrf-token': _sent, ...headers } = valid.headers;
  return {
    what: `CSRF header ${what}`,
    outcome: 'refused',
    sent: {
      ...valid,
      headers:
        value === null
          ? headers
          : { ...headers, 'x-csrf-token': what === 'repeated' ? `${token}, ${token}` : value },
    },
  };
};

/** Every route that takes a body (or may be sent one): its JSON or form kinds, and these. */
const bodyKinds = (builder: RequestBuilder): Generator[] => [
  paramMutation,
  (b, rng) => {
    const broken = rng.pick(malformedJson(b.route.json ? JSON.stringify(b.validJson) : '{}'));
    return { what: `malformed JSON ${show(broken)}`, outcome: 'refused', sent: b.jsonBody(broken) };
  },
  (b, rng) => {
    const type = rng.pick(MEDIA_TYPES);
    const body = b.route.form ? encodeForm(b.validForm) : JSON.stringify(b.validJson);
    return { what: `content type ${type}`, outcome: 'refused', sent: b.jsonBody(body, type) };
  },
  (b, rng) => {
    const filler = 'x'.repeat(BODY_LIMIT + 1 + rng.int(BODY_LIMIT));
    const sent = b.route.form
      ? b.formBody([...b.validForm, ['filler', filler]])
      : b.jsonBody(JSON.stringify({ ...(b.validJson as object), filler }));
    return { what: `body over the limit (${filler.length} bytes of filler)`, outcome: 'refused', sent };
  },
  ...(builder.route.form ? formKinds : builder.route.json ? jsonKinds : []),
  ...(builder.caller.csrf === null ? [] : [csrfMutation]),
];

/** A GET: odd path parameters and query strings. */
const getKinds = (builder: RequestBuilder): Generator[] => {
  const query = Object.entries(builder.route.query ?? {});
  const withQuery = (b: RequestBuilder, q: string | Array<[string, string]>): Sent => ({
    ...b.valid(),
    path: b.path({}, q),
  });
  return [
    paramMutation,
    ...(query.length === 0
      ? []
      : [
          (b: RequestBuilder, rng: Rng): Mutation | null => {
            const inputs = query.filter(([, i]) => i.bad.length > 0);
            if (inputs.length === 0) return null;
            const [name, input] = rng.pick(inputs);
            // not the longest values: Node's HTTP parser refuses a request line over 16 KiB, without a body
            const value = String(rng.pick(input.bad.filter((v) => String(v).length < 4000)));
            return {
              what: `?${name}=${show(value)}`,
              outcome: 'refused',
              sent: withQuery(b, replacePair(b.validQuery, name, [value])),
            };
          },
          (b: RequestBuilder, rng: Rng): Mutation => {
            const [name, input] = rng.pick(query);
            const escape = rng.pick(BROKEN_ESCAPES);
            const q = encodeForm(replacePair(b.validQuery, name, [SPLICE])).replace(SPLICE, escape);
            return { what: `?${name}=${escape}`, outcome: input.odd, sent: withQuery(b, q) };
          },
          (b: RequestBuilder, rng: Rng): Mutation => {
            const [name, input] = rng.pick(query);
            const value = rng.pick(ODD_TEXT);
            return {
              what: `?${name}=${show(value)}`,
              outcome: input.odd,
              sent: withQuery(b, replacePair(b.validQuery, name, [value])),
            };
          },
        ]),
    // junk beside a valid query would be a valid (and audited) search on an audited route
    ...(builder.route.audited
      ? []
      : [
          (b: RequestBuilder, rng: Rng): Mutation => {
            const junk = rng.pick(JUNK_QUERY);
            const valid = encodeForm(b.validQuery);
            return {
              what: `query ${show(junk)}`,
              outcome: 'either',
              sent: withQuery(b, valid ? `${valid}&${junk}` : junk),
            };
          },
        ]),
  ];
};

/** `count` mutations of the route's valid request, every kind in turn (each at least once). */
export function mutationsOf(b: RequestBuilder, count: number, seed: number): Mutation[] {
  // each route its own stream: adding a route does not change the others' mutations
  const routeSeed = [...`${b.route.method} ${b.route.url}`].reduce(
    (h, c) => Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0,
    seed ^ 0x811c9dc5,
  );
  const rng = prng(routeSeed);
  const kinds = b.route.method === 'GET' ? getKinds(b) : bodyKinds(b);
  const mutations: Mutation[] = [];
  for (let i = 0, misses = 0; (mutations.length < count || i < kinds.length) && misses < 1000; i++) {
    const mutation = kinds[i % kinds.length]!(b, rng);
    if (mutation) mutations.push(mutation);
    else misses++;
  }
  return mutations;
}
