// Cookie names and attributes. Behind TLS (the server's own, or a proxy named by an https publicUrl)
// cookies are `__Host-` prefixed, which the browser only accepts with Secure, Path=/ and no Domain:
// a sibling subdomain cannot plant or overwrite them.
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { ServerConfig } from '../config/schema';

export interface CookiePolicy {
  secure: boolean;
  session: string;
  /** double-submit CSRF token of forms shown before sign-in (the sign-in form itself) */
  csrf: string;
  options: CookieSerializeOptions;
}

export function isTlsDeployment(config: ServerConfig): boolean {
  return Boolean(config.tls) || Boolean(config.publicUrl?.startsWith('https://'));
}

export function cookiePolicy(config: ServerConfig): CookiePolicy {
  const secure = isTlsDeployment(config);
  return {
    secure,
    session: secure ? '__Host-openmbam-session' : 'openmbam-session',
    csrf: secure ? '__Host-openmbam-csrf' : 'openmbam-csrf',
    // No Max-Age: the session ends with the browser as well as by its server-side timeouts.
    options: { path: '/', httpOnly: true, sameSite: 'lax', secure },
  };
}
