// OpenID Connect sign-in (openid-client v6): authorization code flow with PKCE (S256), state and
// nonce. The pending sign-in is kept in the database (any server instance can finish it) and bound to
// the browser by a short-lived cookie holding the state, so nobody can finish a sign-in that another
// browser started (login CSRF). Roles come from the configured claim through the role mappings.
import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import type { OidcConfig, ServerConfig } from '../config/schema';
import type { RecoveryDatabase } from '../db/recovery-database';
import { UserError } from '../errors';
import type { Principal } from './principal';
import { listRoleMappings, rolesFor } from './role-mappings';
import { isoAfter, isoNow } from '../shared/clock';
import { sha256Hex } from '../shared/sha256';

const PENDING_SECONDS = 600;
const hash = sha256Hex;

export function redirectUrlOf(config: ServerConfig, oidc: OidcConfig, fallbackBase: string): string {
  return oidc.redirectUrl ?? `${(config.publicUrl ?? fallbackBase).replace(/\/$/, '')}/signin/oidc/callback`;
}

/** Discovery happens once per process (and again after a failure). */
export class OidcClient {
  #configuration: Promise<client.Configuration> | undefined;

  constructor(readonly settings: OidcConfig) {}

  configuration(): Promise<client.Configuration> {
    this.#configuration ??= (async () => {
      const insecure = this.settings.allowInsecureIssuer === true;
      const configuration = await client.discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        undefined,
        this.settings.clientSecret ? client.ClientSecretBasic(this.settings.clientSecret) : client.None(),
        insecure ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
      );
      return configuration;
    })().catch((error: unknown) => {
      this.#configuration = undefined;
      throw new UserError(
        'secret_unavailable',
        'The sign-in provider cannot be reached right now; try again in a minute, or use a local account.',
        { cause: error },
      );
    });
    return this.#configuration;
  }

  /** Starts a sign-in: remembers the checks and answers the provider URL and the state for the cookie. */
  async begin(
    db: Kysely<RecoveryDatabase>,
    redirectUri: string,
    returnTo: string,
    now = new Date(),
  ): Promise<{ url: string; state: string }> {
    const configuration = await this.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await db.deleteFrom('sign_in_states').where('expires_at', '<=', isoNow(now)).execute();
    await db
      .insertInto('sign_in_states')
      .values({
        id: hash(state),
        code_verifier: codeVerifier,
        nonce,
        return_to: returnTo,
        created_at: isoNow(now),
        expires_at: isoAfter(PENDING_SECONDS, now),
      })
      .execute();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state };
  }

  /**
   * Finishes a sign-in from the provider's redirect. `cookieState` is the state this browser was
   * given at the start; the pending row is used once.
   */
  async complete(
    db: Kysely<RecoveryDatabase>,
    callbackUrl: URL,
    cookieState: string | undefined,
    now = new Date(),
  ): Promise<{ principal: Omit<Principal, 'sessionId'>; returnTo: string }> {
    const error = callbackUrl.searchParams.get('error');
    if (error) {
      throw new UserError(
        'unauthorized',
        `The sign-in provider refused the sign-in (${error.slice(0, 60)}).`,
      );
    }
    const state = callbackUrl.searchParams.get('state') ?? '';
    if (!state || !cookieState || state !== cookieState) {
      throw new UserError(
        'unauthorized',
        'This sign-in was not started in this browser, or took too long. Start again.',
      );
    }
    const pending = await db
      .selectFrom('sign_in_states')
      .selectAll()
      .where('id', '=', hash(state))
      .executeTakeFirst();
    await db.deleteFrom('sign_in_states').where('id', '=', hash(state)).execute();
    if (!pending || pending.expires_at <= isoNow(now)) {
      throw new UserError('unauthorized', 'This sign-in has expired or was already used. Start again.');
    }
    const configuration = await this.configuration();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.code_verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (cause) {
      throw new UserError(
        'unauthorized',
        'The sign-in provider’s answer could not be verified. Start again.',
        { cause },
      );
    }
    const claims: Record<string, unknown> = { ...tokens.claims()! };
    if (claims[this.settings.roleClaim] === undefined || claims[this.settings.userNameClaim] === undefined) {
      // Some providers put groups and names only in the UserInfo answer.
      const info = await client.fetchUserInfo(configuration, tokens.access_token, String(claims.sub));
      for (const [k, v] of Object.entries(info)) if (claims[k] === undefined) claims[k] = v;
    }
    const claimValues = toStrings(claims[this.settings.roleClaim]);
    const roles = rolesFor(claimValues, await listRoleMappings(db, this.settings));
    // The user name is the identity Self-Service matches and the audit log records: take it only from
    // the configured claim, never from a fallback such as an (often unverified) email address.
    const userName = firstString(claims[this.settings.userNameClaim]);
    if (!userName) {
      throw new UserError(
        'unauthorized',
        `The sign-in provider did not send the "${this.settings.userNameClaim}" claim that names users here; ask your administrator to release it (or to set the user name claim).`,
      );
    }
    return {
      principal: {
        id: `oidc:${configuration.serverMetadata().issuer}#${String(claims.sub)}`,
        userName: userName.slice(0, 256),
        displayName: (firstString(claims.name, userName) ?? userName).slice(0, 256),
        roles,
        source: 'oidc',
      },
      returnTo: pending.return_to,
    };
  }
}

function toStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && v.length > 0);
}
