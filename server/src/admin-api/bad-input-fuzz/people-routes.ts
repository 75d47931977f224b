// The people-facing routes as the bad-input fuzzer sees them (people-bad-input.fuzz.test.ts): who
// sends each, its valid request, and what is never valid in it. Read from the routes themselves
// (admin-api/routes.ts, recovery/routes.ts and schemas.ts, people/*-routes.ts, portals/*) and the
// services' rules behind them (user names, key ids, computer names, reasons, branding).
import { ROLES } from '../../people/roles';
import { TEST_PASSWORD } from '../../people/testing';
import { REASON_CODES } from '../../recovery/reasons';
import type { SeededComputer } from '../../recovery/test-fixtures';
import { NEAR_LIMIT, PARAM_BAD, choice, field, flag, integer, object, roleList, text } from './inputs';
import type { Route } from './requests';

// Values that are never valid where they are used, hand-checked against each input's rule (a valid
// looking computer or user would be a real, audited search: see Outcome in bad-input-fuzz/inputs.ts).
// prettier-ignore
const KEY_ID_BAD = ['1234567', 'GGGGGGGG', 'D'.repeat(33), '{not-a-guid}', '12345678-1234-1234-1234-1234567890123', '1234 567', '０１２３４５６７', '0x12345678'];
const DOMAIN_BAD = ['-contoso.com', 'contoso com', 'contoso_com', 'cöntoso.com', '   '];
const COMPUTER_BAD = ['-PC', 'PC 1', 'PC.1', 'x'.repeat(64), 'PÇ-1', '   '];
const END_USER_DOMAIN_BAD = ['-CONTOSO', 'CON TOSO', 'CONTOSO\\', 'CÖNTOSO', '   '];
const END_USER_NAME_BAD = ['a b', 'CONTOSO\\alice', 'a/b', 'a"b', 'x'.repeat(105), '   '];
/** Path values that cannot be a computer's domain or name (which would be audited as a search). */
const NAMELESS_PARAMS = PARAM_BAD.filter((value) => {
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // a broken escape stays as it is
  }
  return !/^[A-Za-z0-9]/.test(decoded) || value.length > 255;
});

export type CallerName =
  'rootToken' | 'hdToken' | 'advToken' | 'aliceToken' | 'root' | 'hd' | 'adv' | 'alice' | 'pw' | 'anonymous';
export type PeopleRoute = Route & { as: CallerName };

export interface Fixtures {
  computer: SeededComputer;
  target: string;
  enrollmentTokens: [string, string];
  devices: [string, string];
  mappings: [string, string];
  apiTokens: [string, string];
}

const freeText = { optional: true, odd: 'either' } as const;
const reason = (valid: string) => choice(REASON_CODES, valid, ['Other', 'Bored']);
const reasonText = text(undefined, { max: 500, min: 1, optional: true, odd: 'either' });
const endUser = object({
  domain: text('CONTOSO', { max: 255, min: 1, bad: END_USER_DOMAIN_BAD }),
  // a Windows user name may be any Unicode: an odd one is a user who never logged on, audited
  userName: text('alice', { max: 255, min: 1, bad: END_USER_NAME_BAD, odd: 'audited' }),
});
const formReason = (valid: string) => field(valid, ['', valid.toLowerCase(), 'Bored', 'Other']);
const formEndUser = {
  domain: field('CONTOSO', ['', ...END_USER_DOMAIN_BAD], { max: 255 }),
  userName: field('alice', ['', ...END_USER_NAME_BAD], { max: 255, odd: 'audited' }),
};
/** Checkboxes: none is valid, and odd text that trims to nothing (a lone BOM) is none. */
const portalRoles = field(['Helpdesk'], ['Root', 'helpdesk', 'Helpdesk,Root'], { max: 256, ...freeText });

const gets = (as: CallerName, urls: string[], ok = 200): PeopleRoute[] =>
  urls.map((url) => ({ method: 'GET', url, as, ok, query: { done: field(undefined, [], freeText) } }));
/** A route whose only input is its `:id`. */
const byId = (method: Route['method'], url: string, as: CallerName, ok: number, id: string): PeopleRoute => ({
  method,
  url,
  as,
  ok,
  params: { id: { valid: id, bad: PARAM_BAD } },
});

export function routesOf(f: Fixtures): PeopleRoute[] {
  const [key0, key1] = f.computer.keys as [SeededComputer['keys'][0], SeededComputer['keys'][0]];
  const pc = f.computer.computerName;
  const keyId = (valid: string) => text(valid, { max: 64, min: 1, bad: KEY_ID_BAD });
  const formKeyId = (valid: string) => field(valid, ['', ...KEY_ID_BAD], { max: 64 });
  const target = { id: { valid: f.target, bad: PARAM_BAD } };
  return [
    // administration JSON (admin-api/routes.ts), with a System Administrator's API token
    ...gets('rootToken', [
      '/api/v1/admin/enrollment-tokens',
      '/api/v1/admin/devices',
      '/api/v1/admin/users',
      '/api/v1/admin/role-mappings',
      '/api/v1/admin/branding',
      '/api/v1/admin/configuration',
    ]),
    {
      method: 'POST',
      url: '/api/v1/admin/enrollment-tokens',
      as: 'rootToken',
      ok: 201,
      json: {
        label: text('fuzz', { max: 200, optional: true, odd: 'either' }),
        uses: integer(5, 1, 1_000_000),
        expiresInDays: integer(7, 1, 365),
        allowReenrollment: flag(false, { optional: true }),
      },
    },
    byId('DELETE', '/api/v1/admin/enrollment-tokens/:id', 'rootToken', 204, f.enrollmentTokens[0]),
    byId('POST', '/api/v1/admin/devices/:id/revoke', 'rootToken', 204, f.devices[0]),
    {
      method: 'POST',
      url: '/api/v1/admin/users',
      as: 'rootToken',
      ok: 201,
      count: 40, // an accepted odd display name costs a password hash
      json: {
        userName: text('fuzz-api-user', {
          max: 256,
          min: 1,
          bad: ['bad name!', 'a b', 'ädmin', 'a/b', '   '],
        }),
        displayName: text('Fuzz', { max: 256, optional: true, odd: 'either' }),
        roles: roleList(['Helpdesk']),
      },
    },
    {
      method: 'PATCH',
      url: '/api/v1/admin/users/:id',
      as: 'rootToken',
      ok: 200,
      params: target,
      json: { roles: roleList(['Helpdesk'], { optional: true }), disabled: flag(false, { optional: true }) },
    },
    byId('POST', '/api/v1/admin/users/:id/reset-password', 'rootToken', 200, f.target),
    {
      method: 'POST',
      url: '/api/v1/admin/role-mappings',
      as: 'rootToken',
      ok: 201,
      json: {
        claimValue: text('Fuzz Group', { max: 256, min: 1, odd: 'either', bad: ['   '] }),
        role: choice(ROLES, 'Helpdesk'),
      },
    },
    byId('DELETE', '/api/v1/admin/role-mappings/:id', 'rootToken', 204, f.mappings[0]),
    {
      method: 'PUT',
      url: '/api/v1/admin/branding',
      as: 'rootToken',
      ok: 200,
      json: {
        companyName: text('Fuzz IT', { max: 100, odd: 'either', bad: ['', '   '] }),
        helpdeskText: text('Call 555-0100', { max: 200, odd: 'either', bad: ['', '   '] }),
        helpdeskUrl: text('https://it.example/help', {
          max: 500,
          odd: 'either',
          bad: ['javascript:alert(1)', 'ftp://it.example', 'https://a b', 'mailto:', 'tel:12'],
        }),
        displayNotice: flag(true),
        noticeText: text('Be careful.', { max: 4000, odd: 'either', bad: ['', '   '] }),
      },
    },
    // my account JSON (people/account-routes.ts), with a session and its CSRF header
    ...gets('root', ['/api/v1/me', '/api/v1/account/tokens']),
    {
      method: 'POST',
      url: '/api/v1/account/tokens',
      as: 'root',
      ok: 201,
      json: {
        label: text('fuzz', { max: 100, min: 1, odd: 'either', bad: ['   '] }),
        expiresInDays: integer(30, 1, 730, { optional: true, nullable: true }),
      },
    },
    byId('DELETE', '/api/v1/account/tokens/:id', 'root', 204, f.apiTokens[0]),
    // Help Desk and Self-Service JSON (recovery/routes.ts), with API tokens; Helpdesk names the end user
    {
      method: 'POST',
      url: '/api/v1/helpdesk/recovery-key',
      as: 'hdToken',
      ok: 200,
      json: { keyId: keyId(key0.keyId), reason: reason('LostPin'), reasonText, user: endUser },
    },
    {
      method: 'POST',
      url: '/api/v1/helpdesk/tpm-owner-auth',
      as: 'hdToken',
      ok: 200,
      json: {
        computer: object({
          domain: text('contoso.com', { max: 255, min: 1, bad: DOMAIN_BAD }),
          name: text(pc, { max: 255, min: 1, bad: COMPUTER_BAD }),
        }),
        reason: reason('ResetPinLockout'),
        reasonText,
        user: endUser,
      },
    },
    {
      method: 'GET',
      url: '/api/v1/helpdesk/computers/:domain/:name/volumes',
      as: 'advToken',
      ok: 200,
      audited: true,
      params: {
        domain: { valid: 'contoso.com', bad: [...NAMELESS_PARAMS, '-x', 'a_b', 'a%20b', '%C3%A4'] },
        name: { valid: pc, bad: [...NAMELESS_PARAMS, '-x', 'a.b', 'a%20b', '%C3%A4', 'x'.repeat(64)] },
      },
    },
    {
      method: 'POST',
      url: '/api/v1/selfservice/recovery-key',
      as: 'aliceToken',
      ok: 200,
      json: { keyId: keyId(key1.keyId), reason: reason('LostPin'), reasonText },
    },
    // sign-in and my account pages (people/sign-in-routes.ts, people/account-routes.ts)
    ...gets('root', ['/account', '/account/password']),
    { method: 'GET', url: '/', as: 'root', ok: 303 },
    {
      method: 'GET',
      url: '/signin',
      as: 'anonymous',
      ok: 200,
      query: { next: field('/account', [], freeText), reason: field('idle', [], freeText) },
    },
    {
      method: 'POST',
      url: '/signin',
      as: 'anonymous',
      ok: 303,
      count: 20, // a wrong user name or password costs a password hash
      form: {
        userName: field('fuzz-signin', ['', '   '], {
          odd: 'counted',
          counted: ['nobody', 'x'.repeat(300), 'ädmin', '\u202efuzz-signin', NEAR_LIMIT],
        }),
        password: field(TEST_PASSWORD, [''], {
          odd: 'counted',
          counted: ['wrong password', ' ', 'x'.repeat(2000), TEST_PASSWORD.toUpperCase()],
        }),
        next: field('/account', [], freeText),
      },
    },
    { method: 'POST', url: '/session/keepalive', as: 'root', ok: 204 },
    {
      method: 'POST',
      url: '/account/password',
      as: 'pw',
      ok: 303,
      count: 10, // each checks the current password: a password hash
      form: {
        currentPassword: field(TEST_PASSWORD, ['', 'wrong password', TEST_PASSWORD.toUpperCase()]),
        newPassword: field('a brand new passphrase 42', [
          '',
          'too short',
          'x'.repeat(1025),
          'I am fuzz-pw, me',
        ]),
        confirmPassword: field('a brand new passphrase 42', ['', 'a different passphrase']),
      },
    },
    {
      method: 'POST',
      url: '/account/tokens',
      as: 'root',
      ok: 200,
      form: {
        label: field('fuzz', ['', '   '], { max: 100, odd: 'either' }),
        expiresInDays: field('30', ['0', '731', 'abc', '-1', '1.5', '99999', '1e2', '٣٠'], freeText),
      },
    },
    byId('POST', '/account/tokens/:id/revoke', 'root', 303, f.apiTokens[1]),
    // administration pages (portals/admin/routes.ts)
    ...gets('root', [
      '/admin',
      '/admin/enrollment-tokens',
      '/admin/devices',
      '/admin/users',
      '/admin/role-mappings',
      '/admin/branding',
      '/admin/configuration',
    ]),
    {
      method: 'POST',
      url: '/admin/enrollment-tokens',
      as: 'root',
      ok: 200,
      form: {
        label: field('fuzz', [], { max: 200, ...freeText }),
        uses: field('5', ['', '0', '-1', '1000001', '1.5', 'ten', '1e3', '0x10', '٣', '+5', '5 5']),
        expiresInDays: field('7', ['', '0', '366', 'abc', '7d', '-7']),
        allowReenrollment: field(undefined, [], freeText),
      },
    },
    byId('POST', '/admin/enrollment-tokens/:id/revoke', 'root', 303, f.enrollmentTokens[1]),
    byId('POST', '/admin/devices/:id/revoke', 'root', 303, f.devices[1]),
    {
      method: 'POST',
      url: '/admin/users',
      as: 'root',
      ok: 200,
      count: 30, // an accepted odd display name costs a password hash
      form: {
        userName: field('fuzz-portal-user', ['', 'bad name!', 'a b', 'ädmin', 'a/b'], { max: 256 }),
        displayName: field('Fuzz', [], { max: 256, ...freeText }),
        roles: portalRoles,
      },
    },
    byId('GET', '/admin/users/:id', 'root', 200, f.target),
    {
      method: 'POST',
      url: '/admin/users/:id/roles',
      as: 'root',
      ok: 303,
      params: target,
      form: { roles: portalRoles },
    },
    byId('POST', '/admin/users/:id/disable', 'root', 303, f.target),
    byId('POST', '/admin/users/:id/enable', 'root', 303, f.target),
    byId('POST', '/admin/users/:id/reset-password', 'root', 200, f.target),
    {
      method: 'POST',
      url: '/admin/role-mappings',
      as: 'root',
      ok: 303,
      form: {
        claimValue: field('Fuzz Portal Group', ['', '   '], { max: 256, odd: 'either' }),
        role: field('Helpdesk', ['', 'Root', 'helpdesk', 'HELPDESK']),
      },
    },
    byId('POST', '/admin/role-mappings/:id/delete', 'root', 303, f.mappings[1]),
    {
      method: 'POST',
      url: '/admin/branding',
      as: 'root',
      ok: 303,
      form: {
        companyName: field('Fuzz IT', ['', '   '], { max: 100, odd: 'either' }),
        helpdeskText: field('Call 555-0100', ['', '   '], { max: 200, odd: 'either' }),
        helpdeskUrl: field(
          'https://it.example/help',
          ['javascript:alert(1)', 'ftp://x', 'https://a b'],
          freeText,
        ),
        displayNotice: field('on', [], freeText),
        noticeText: field('Be careful.', ['', '   '], { max: 4000, odd: 'either' }),
      },
    },
    // Help Desk pages (portals/helpdesk), as Helpdesk (who must name the end user)
    { method: 'GET', url: '/helpdesk', as: 'hd', ok: 200, query: { keyId: field(undefined, [], freeText) } },
    { method: 'GET', url: '/helpdesk/tpm', as: 'hd', ok: 200 },
    {
      method: 'POST',
      url: '/helpdesk/drive-recovery',
      as: 'hd',
      ok: 200,
      form: {
        ...formEndUser,
        keyId: formKeyId(key0.keyId),
        reason: formReason('LostPin'),
        reasonText: field(undefined, [], freeText),
      },
    },
    {
      method: 'POST',
      url: '/helpdesk/tpm',
      as: 'hd',
      ok: 200,
      form: {
        computerDomain: field('contoso.com', ['', ...DOMAIN_BAD], { max: 255 }),
        computerName: field(pc, ['', ...COMPUTER_BAD], { max: 255 }),
        ...formEndUser,
        reason: formReason('ResetPinLockout'),
        reasonText: field(undefined, [], freeText),
      },
    },
    {
      method: 'GET',
      url: '/helpdesk/computers',
      as: 'adv',
      ok: 200,
      audited: true,
      query: {
        domain: field('contoso.com', DOMAIN_BAD, { max: 255 }),
        name: field(pc, COMPUTER_BAD, { max: 255 }),
      },
    },
    // Self-Service pages (portals/selfservice), as an end user who logged on to the computer
    { method: 'GET', url: '/selfservice', as: 'alice', ok: 200 },
    {
      method: 'POST',
      url: '/selfservice',
      as: 'alice',
      ok: 200,
      form: {
        keyId: formKeyId(key1.keyId),
        reason: formReason('LostPin'),
        reasonText: field(undefined, [], freeText),
        // the notice is on (branding), so it must be accepted; any value ticks the box
        acceptNotice: field('on', [], { odd: 'either' }),
      },
    },
    // last: it ends the session it is sent with
    { method: 'POST', url: '/signout', as: 'alice', ok: 303 },
  ];
}

/** Agents' routes, health, static files and OpenID Connect are not people-facing forms or APIs. */
export const NOT_COVERED = new Set([
  'POST /api/v1/enroll',
  'GET /healthz',
  'GET /readyz',
  'GET /api/openapi.json',
  'GET /static/:file',
  'GET /signin/oidc',
  'GET /signin/oidc/callback',
]);
