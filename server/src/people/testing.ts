// Test helpers for anything behind sign-in (this package's tests and the portals'): users with known
// passwords, and a tiny cookie-keeping HTTP client that signs in like a browser and sends CSRF tokens.
import type { Kysely } from 'kysely';
import type { RecoveryDatabase } from '../db/recovery-database';
import { CSRF_FIELD } from '../portals/shell/forms';
import * as users from './local-user-repository';
import { addLocalUser } from './local-users';
import { hashPassword } from './password';
import type { Role } from './roles';

export const TEST_PASSWORD = 'correct horse battery staple';

/** A local user who has already chosen `password` (no forced change). */
export async function createTestUser(
  db: Kysely<RecoveryDatabase>,
  userName: string,
  roles: Role[],
  password = TEST_PASSWORD,
): Promise<{ id: string; userName: string; password: string }> {
  const { user } = await addLocalUser(db, { userName, roles });
  await users.updatePassword(db, user.id, await hashPassword(password), 0);
  return { id: user.id, userName, password };
}

export interface WebResponse {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
}

/** A browser without a browser: keeps cookies, never follows redirects, finds the CSRF token in pages. */
export class WebClient {
  readonly cookies = new Map<string, string>();
  csrfToken = '';

  constructor(readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    options: {
      form?: Record<string, string | string[]>;
      json?: unknown;
      headers?: Record<string, string>;
      csrf?: boolean;
    } = {},
  ): Promise<WebResponse> {
    const headers: Record<string, string> = { accept: 'text/html', ...options.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (options.form) {
      const params = new URLSearchParams();
      if (options.csrf !== false) params.append(CSRF_FIELD, this.csrfToken);
      for (const [k, v] of Object.entries(options.form))
        for (const item of [v].flat()) params.append(k, item);
      body = params.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
      headers.accept = 'application/json';
      if (options.csrf !== false) headers['x-csrf-token'] = this.csrfToken;
    } else if (options.csrf !== false && method !== 'GET') {
      headers['x-csrf-token'] = this.csrfToken;
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
    const text = await response.text();
    const token = /<meta name="csrf-token" content="([^"]*)"/.exec(text)?.[1];
    if (token) this.csrfToken = token;
    return {
      status: response.status,
      headers: response.headers,
      text,
      location: response.headers.get('location'),
    };
  }

  get(path: string): Promise<WebResponse> {
    return this.request('GET', path);
  }

  post(
    path: string,
    form: Record<string, string | string[]> = {},
    options: { csrf?: boolean } = {},
  ): Promise<WebResponse> {
    return this.request('POST', path, { form, ...options });
  }

  /** Signs in with a local account; throws unless the server accepted it. */
  async signIn(userName: string, password = TEST_PASSWORD): Promise<WebResponse> {
    await this.get('/signin');
    const answer = await this.post('/signin', { userName, password });
    if (answer.status !== 303) throw new Error(`sign-in of ${userName} failed with ${answer.status}`);
    const next = await this.get(answer.location!);
    if (next.status === 303 && next.location) await this.get(next.location);
    return answer;
  }
}

/** The main landmark of a page, for readable assertions. */
export const mainOf = (html: string): string => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
