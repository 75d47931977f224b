// Reading an HTML form body (application/x-www-form-urlencoded, parsed by @fastify/formbody): a
// browser sends every value as a string or a list of strings. The same routes also parse JSON (a
// script may post one), whose values can be anything, so each value is checked to be text here.
import { UserError } from '../../errors';

export type FormBody = Record<string, unknown>;

export function formBody(body: unknown): FormBody {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as FormBody) : {};
}

/** Every value of a field; a value that is not text (a JSON number, object, null, …) is refused. */
function textValues(body: unknown, name: string): string[] {
  const value = formBody(body)[name];
  if (value === undefined) return [];
  const values: unknown[] = Array.isArray(value) ? value : [value];
  if (values.every((v): v is string => typeof v === 'string')) return values;
  throw new UserError(
    'validation_failed',
    `The form field "${name}" must be text, as a browser sends it (got ${kindOf(value)}); post the form as application/x-www-form-urlencoded, or JSON whose values are strings.`,
    { field: name },
  );
}

/** What a value is, for the message: never the value itself, which may be huge or nested deep. */
const kindOf = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a list holding something other than text'
      : typeof value === 'object'
        ? 'an object'
        : `a ${typeof value}`;

/** One text value, trimmed unless `raw`; '' when missing; the first when repeated. */
export function formString(body: unknown, name: string, options: { raw?: boolean } = {}): string {
  const first = textValues(body, name)[0] ?? '';
  return options.raw ? first : first.trim();
}

/** Every value of a repeated field (checkboxes). */
export function formStrings(body: unknown, name: string): string[] {
  return textValues(body, name);
}

export function formFlag(body: unknown, name: string): boolean {
  return textValues(body, name).length > 0;
}
