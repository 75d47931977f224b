// Reading an HTML form body (application/x-www-form-urlencoded, parsed by @fastify/formbody): every
// value is a string or a list of strings, whatever the browser (or an attacker) sent.
export type FormBody = Record<string, string | string[] | undefined>;

export function formBody(body: unknown): FormBody {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as FormBody) : {};
}

/** One text value, trimmed unless `raw`; '' when missing; the first when repeated. */
export function formString(body: unknown, name: string, options: { raw?: boolean } = {}): string {
  const value = formBody(body)[name];
  const first = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  return options.raw ? first : first.trim();
}

/** Every value of a repeated field (checkboxes). */
export function formStrings(body: unknown, name: string): string[] {
  const value = formBody(body)[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export function formFlag(body: unknown, name: string): boolean {
  return formStrings(body, name).length > 0;
}
