// The fuzzer's requests: one route's valid request and its variations, built byte by byte (broken
// %-escapes, raw non-UTF-8 bytes, `..` in a path) and sent over a raw HTTP connection.
import { CSRF_FIELD } from '../../portals/shell/forms';
import type { Sent } from '../../test-support/raw-http';
import type { Json } from '../../test-support/json-tree';
import { type Input, object } from './inputs';

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** as registered (the authorization table's key) */
  url: string;
  /** who sends it: a key of the test's callers */
  as: string;
  /** path parameters: the valid value and values that name nothing (raw) */
  params?: Record<string, { valid: string; bad: string[] }>;
  query?: Record<string, Input>;
  json?: Record<string, Input>;
  form?: Record<string, Input>;
  /** the status of the valid request */
  ok: number;
  /** mutations, when not the default for what the route takes */
  count?: number;
  /** a valid-looking query is audited as a search (Advanced Helpdesk's computer list) */
  audited?: boolean;
}

export interface Caller {
  headers: Record<string, string>;
  /** the CSRF token a session (or an anonymous form) must send; null for API tokens */
  csrf: string | null;
}

/** Percent-encodes the UTF-8 bytes of a value (a lone surrogate becomes U+FFFD, as in a browser). */
export const encode = (value: string): string =>
  [...Buffer.from(value, 'utf8')]
    .map((byte) => String.fromCharCode(byte))
    .map((c) =>
      /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
export const encodeForm = (pairs: Array<[string, string]>): string =>
  pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');

/** The field's pairs replaced by `values` (none: left out), where the field was. */
export function replacePair(
  pairs: Array<[string, string]>,
  name: string,
  values: string[],
): Array<[string, string]> {
  const at = pairs.findIndex(([k]) => k === name);
  const rest = pairs.filter(([k]) => k !== name);
  const index = at === -1 ? rest.length : at;
  return [...rest.slice(0, index), ...values.map((v): [string, string] => [name, v]), ...rest.slice(index)];
}

function formPairs(fields: Record<string, Input>): Array<[string, string]> {
  return Object.entries(fields).flatMap(([name, input]) =>
    input.valid === undefined ? [] : [input.valid].flat().map((v): [string, string] => [name, String(v)]),
  );
}

/** A placeholder value whose bytes are later replaced by raw (possibly broken) bytes. */
export const SPLICE = 'SPLICE_c0a1e5ce';
export const spliced = (text: string, bytes: Buffer): Buffer => {
  const [before, after] = text.split(SPLICE) as [string, string];
  return Buffer.concat([Buffer.from(before), bytes, Buffer.from(after)]);
};

export type Path = string[];

/** Every input with its path, nested objects' fields included. */
export function inputsOf(fields: Record<string, Input>, prefix: Path = []): Array<[Path, Input]> {
  return Object.entries(fields).flatMap(([name, input]): Array<[Path, Input]> => [
    [[...prefix, name], input],
    ...(input.fields && input.valid !== undefined ? inputsOf(input.fields, [...prefix, name]) : []),
  ]);
}

/** The request a route is sent, valid or with one part changed. */
export class RequestBuilder {
  constructor(
    readonly route: Route,
    readonly caller: Caller,
  ) {}

  get validJson(): Json {
    return object(this.route.json ?? {}).valid!;
  }

  get validForm(): Array<[string, string]> {
    return formPairs(this.route.form ?? {});
  }

  get validQuery(): Array<[string, string]> {
    return formPairs(this.route.query ?? {});
  }

  /** The path with `params` (raw) instead of the valid ones, and the query (pairs or raw). */
  path(
    params: Record<string, string> = {},
    query: string | Array<[string, string]> = this.validQuery,
  ): string {
    const path = this.route.url.replace(
      /:([A-Za-z]+)/g,
      (_m, name: string) => params[name] ?? encode(this.route.params![name]!.valid),
    );
    const q = typeof query === 'string' ? query : encodeForm(query);
    return q ? `${path}?${q}` : path;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const accept = this.route.url.startsWith('/api/') ? 'application/json' : 'text/html';
    return { accept, ...this.caller.headers, ...extra };
  }

  /** The CSRF header a session's JSON or body-less request carries. */
  csrfHeader(): Record<string, string> {
    return this.caller.csrf === null ? {} : { 'x-csrf-token': this.caller.csrf };
  }

  valid(): Sent {
    if (this.route.json) return this.jsonBody(JSON.stringify(this.validJson));
    if (this.route.form) return this.formBody(this.validForm);
    if (this.route.method === 'GET') return { method: 'GET', path: this.path(), headers: this.headers() };
    return { method: this.route.method, path: this.path(), headers: this.headers(this.csrfHeader()) };
  }

  jsonBody(body: string | Buffer, contentType: string | null = 'application/json'): Sent {
    return {
      method: this.route.method,
      path: this.path(),
      headers: this.headers({
        ...(contentType === null ? {} : { 'content-type': contentType }),
        ...this.csrfHeader(),
      }),
      body: typeof body === 'string' ? Buffer.from(body) : body,
    };
  }

  /** A form post; the CSRF token goes first in the body unless `csrf` says otherwise. */
  formBody(
    pairs: Array<[string, string]>,
    o: { csrf?: Array<[string, string]>; raw?: (text: string) => Buffer } = {},
  ): Sent {
    const csrf =
      o.csrf ?? (this.caller.csrf === null ? [] : [[CSRF_FIELD, this.caller.csrf] as [string, string]]);
    const text = encodeForm([...csrf, ...pairs]);
    return {
      method: this.route.method,
      path: this.path(),
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      body: o.raw ? o.raw(text) : Buffer.from(text),
    };
  }

  /** The valid fields of a JSON route as a form (no CSRF token). */
  jsonAsForm(): Sent {
    return this.formBody(formPairs(this.route.json ?? {}), { csrf: [] });
  }
}
