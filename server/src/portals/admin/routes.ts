// Administration at /admin (System Administrators): enrollment tokens, devices, local users, role
// mappings, branding, effective configuration. Forms post, then redirect (303) or re-display with errors.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { listDeviceSummaries } from '../../devices/device-list';
import { revokeDevice } from '../../devices/device-repository';
import { createEnrollmentToken, listEnrollmentTokens, revokeEnrollmentToken } from '../../enrollment/tokens';
import { isoNow } from '../../shared/clock';
import { UserError } from '../../errors';
import { addLocalUser, listLocalUsers, parseRoles } from '../../people/local-users';
import { addRoleMapping, listRoleMappings, removeRoleMapping } from '../../people/role-mappings';
import {
  getLocalUser,
  resetLocalUserPassword,
  setLocalUserDisabled,
  setLocalUserRoles,
} from '../../people/user-admin';
import { getBranding, saveBranding } from '../branding';
import { errorsFrom, formFlag, formString, formStrings, render, seeOther } from '../shell';
import { auditAdministration } from './audit';
import { BrandingPage } from './branding-page';
import { ConfigurationPage } from './configuration-page';
import { DevicesPage } from './devices-page';
import { effectiveConfiguration } from './effective-config';
import { EnrollmentTokensPage } from './enrollment-tokens-page';
import { AdminHomePage } from './home-page';
import { RoleMappingsPage } from './role-mappings-page';
import { UserPage, UsersPage } from './users-page';

const IdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
type Id = { Params: { id: string } };

/** A whole number in [min, max] from a form field, or a UserError naming the field. */
export function formInteger(value: string, field: string, label: string, min: number, max: number): number {
  const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UserError('validation_failed', `${label} must be a whole number from ${min} to ${max}.`, {
      field,
    });
  }
  return n;
}

const doneOf = <T extends string>(query: unknown, allowed: readonly T[]): T | null => {
  const done = (query as { done?: string }).done;
  return allowed.find((a) => a === done) ?? null;
};

export default async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { dbs, config } = app.services;
  const db = dbs.recovery;

  app.get('/admin', { schema: { hide: true } }, async (_request, reply) => render(reply, AdminHomePage, {}));

  // --- enrollment tokens ---
  const tokenDefaults = { label: '', uses: '1000', expiresInDays: '30', allowReenrollment: false };
  app.get('/admin/enrollment-tokens', { schema: { hide: true } }, async (request, reply) =>
    render(reply, EnrollmentTokensPage, {
      tokens: await listEnrollmentTokens(db),
      created: null,
      errors: {},
      values: tokenDefaults,
      done: doneOf(request.query, ['revoked'] as const),
    }),
  );
  app.post('/admin/enrollment-tokens', { schema: { hide: true } }, async (request, reply) => {
    const values = {
      label: formString(request.body, 'label'),
      uses: formString(request.body, 'uses'),
      expiresInDays: formString(request.body, 'expiresInDays'),
      allowReenrollment: formFlag(request.body, 'allowReenrollment'),
    };
    try {
      if (values.label.length > 200) {
        throw new UserError('validation_failed', 'The name may be at most 200 characters.', {
          field: 'label',
        });
      }
      const uses = formInteger(values.uses, 'uses', 'Devices it may enroll', 1, 1_000_000);
      const days = formInteger(values.expiresInDays, 'expiresInDays', 'Valid for (days)', 1, 365);
      const { token, enrollmentToken } = await createEnrollmentToken(db, {
        uses,
        expiresInSeconds: days * 86_400,
        label: values.label,
        allowReenrollment: values.allowReenrollment,
      });
      await auditAdministration(request, 'enrollment-token.create', enrollmentToken.id);
      return render(reply, EnrollmentTokensPage, {
        tokens: await listEnrollmentTokens(db),
        created: { token, label: enrollmentToken.label },
        errors: {},
        values: tokenDefaults,
        done: null,
      });
    } catch (error) {
      return render(
        reply,
        EnrollmentTokensPage,
        {
          tokens: await listEnrollmentTokens(db),
          created: null,
          errors: errorsFrom(error),
          values,
          done: null,
        },
        { status: 400 },
      );
    }
  });
  app.post<Id>(
    '/admin/enrollment-tokens/:id/revoke',
    { schema: { hide: true, params: IdParams } },
    async (request, reply) => {
      await revokeEnrollmentToken(db, request.params.id);
      await auditAdministration(request, 'enrollment-token.revoke', request.params.id);
      return seeOther(reply, '/admin/enrollment-tokens?done=revoked');
    },
  );

  // --- devices ---
  app.get('/admin/devices', { schema: { hide: true } }, async (request, reply) =>
    render(reply, DevicesPage, {
      devices: await listDeviceSummaries(dbs),
      done: doneOf(request.query, ['revoked'] as const),
    }),
  );
  app.post<Id>(
    '/admin/devices/:id/revoke',
    { schema: { hide: true, params: IdParams } },
    async (request, reply) => {
      if (!(await revokeDevice(db, request.params.id, isoNow()))) {
        throw new UserError('not_found', 'No active device has that id; it may already be revoked.', {
          field: 'id',
        });
      }
      await auditAdministration(request, 'device.revoke', request.params.id);
      return seeOther(reply, '/admin/devices?done=revoked');
    },
  );

  // --- local users ---
  app.get('/admin/users', { schema: { hide: true } }, async (_request, reply) =>
    render(reply, UsersPage, {
      users: await listLocalUsers(db),
      created: null,
      errors: {},
      values: { userName: '', displayName: '', roles: [] },
    }),
  );
  app.post('/admin/users', { schema: { hide: true } }, async (request, reply) => {
    const values = {
      userName: formString(request.body, 'userName'),
      displayName: formString(request.body, 'displayName'),
      roles: formStrings(request.body, 'roles'),
    };
    try {
      const roles = parseRoles(values.roles);
      const { user, oneTimePassword } = await addLocalUser(db, {
        userName: values.userName,
        displayName: values.displayName || undefined,
        roles,
      });
      await auditAdministration(request, 'user.add', user.userName);
      return render(reply, UsersPage, {
        users: await listLocalUsers(db),
        created: { userName: user.userName, oneTimePassword },
        errors: {},
        values: { userName: '', displayName: '', roles: [] },
      });
    } catch (error) {
      const errors = errorsFrom(error);
      if (errors.role) errors.roles = errors.role;
      return render(
        reply,
        UsersPage,
        { users: await listLocalUsers(db), created: null, errors, values },
        { status: 400 },
      );
    }
  });
  app.get<Id>('/admin/users/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) =>
    render(reply, UserPage, {
      user: await getLocalUser(db, request.params.id),
      errors: {},
      oneTimePassword: null,
      done: doneOf(request.query, ['roles', 'disabled', 'enabled'] as const),
    }),
  );
  app.post<Id>(
    '/admin/users/:id/roles',
    { schema: { hide: true, params: IdParams } },
    async (request, reply) => {
      const { id } = request.params;
      try {
        await setLocalUserRoles(db, id, parseRoles(formStrings(request.body, 'roles')));
      } catch (error) {
        const errors = errorsFrom(error);
        if (errors.role) errors.roles = errors.role;
        return render(
          reply,
          UserPage,
          { user: await getLocalUser(db, id), errors, oneTimePassword: null, done: null },
          { status: 400 },
        );
      }
      await auditAdministration(request, 'user.roles', (await getLocalUser(db, id)).userName);
      return seeOther(reply, `/admin/users/${id}?done=roles`);
    },
  );
  for (const action of ['disable', 'enable'] as const) {
    app.post<Id>(
      `/admin/users/:id/${action}`,
      { schema: { hide: true, params: IdParams } },
      async (request, reply) => {
        const { id } = request.params;
        try {
          await setLocalUserDisabled(db, id, action === 'disable');
        } catch (error) {
          return render(
            reply,
            UserPage,
            {
              user: await getLocalUser(db, id),
              errors: errorsFrom(error),
              oneTimePassword: null,
              done: null,
            },
            { status: 400 },
          );
        }
        await auditAdministration(request, `user.${action}`, (await getLocalUser(db, id)).userName);
        return seeOther(reply, `/admin/users/${id}?done=${action}d`);
      },
    );
  }
  app.post<Id>(
    '/admin/users/:id/reset-password',
    { schema: { hide: true, params: IdParams } },
    async (request, reply) => {
      const oneTimePassword = await resetLocalUserPassword(db, request.params.id);
      const user = await getLocalUser(db, request.params.id);
      await auditAdministration(request, 'user.reset-password', user.userName);
      return render(reply, UserPage, { user, errors: {}, oneTimePassword, done: null });
    },
  );

  // --- role mappings ---
  const mappingsPage = async (overrides: Partial<Parameters<typeof RoleMappingsPage>[0]> = {}) => ({
    mappings: await listRoleMappings(db, config.oidc),
    claim: config.oidc?.roleClaim ?? null,
    errors: {},
    values: { claimValue: '', role: '' },
    done: null,
    ...overrides,
  });
  app.get('/admin/role-mappings', { schema: { hide: true } }, async (request, reply) =>
    render(
      reply,
      RoleMappingsPage,
      await mappingsPage({ done: doneOf(request.query, ['added', 'removed'] as const) }),
    ),
  );
  app.post('/admin/role-mappings', { schema: { hide: true } }, async (request, reply) => {
    const values = {
      claimValue: formString(request.body, 'claimValue'),
      role: formString(request.body, 'role'),
    };
    try {
      const mapping = await addRoleMapping(db, values, request.principal!.userName);
      await auditAdministration(request, 'role-mapping.add', `${mapping.claimValue} → ${mapping.role}`);
    } catch (error) {
      return render(reply, RoleMappingsPage, await mappingsPage({ errors: errorsFrom(error), values }), {
        status: 400,
      });
    }
    return seeOther(reply, '/admin/role-mappings?done=added');
  });
  app.post<Id>(
    '/admin/role-mappings/:id/delete',
    { schema: { hide: true, params: IdParams } },
    async (request, reply) => {
      await removeRoleMapping(db, request.params.id);
      await auditAdministration(request, 'role-mapping.remove', request.params.id);
      return seeOther(reply, '/admin/role-mappings?done=removed');
    },
  );

  // --- branding ---
  app.get('/admin/branding', { schema: { hide: true } }, async (request, reply) =>
    render(reply, BrandingPage, {
      values: await getBranding(db),
      errors: {},
      saved: doneOf(request.query, ['saved'] as const) !== null,
    }),
  );
  app.post('/admin/branding', { schema: { hide: true } }, async (request, reply) => {
    const values = {
      companyName: formString(request.body, 'companyName'),
      helpdeskText: formString(request.body, 'helpdeskText'),
      helpdeskUrl: formString(request.body, 'helpdeskUrl'),
      displayNotice: formFlag(request.body, 'displayNotice'),
      noticeText: formString(request.body, 'noticeText'),
    };
    try {
      await saveBranding(db, values, request.principal!.userName);
    } catch (error) {
      return render(
        reply,
        BrandingPage,
        { values, errors: errorsFrom(error), saved: false },
        { status: 400 },
      );
    }
    await auditAdministration(request, 'branding.save', null);
    return seeOther(reply, '/admin/branding?done=saved');
  });

  // --- configuration (read-only) ---
  app.get('/admin/configuration', { schema: { hide: true } }, async (_request, reply) =>
    render(reply, ConfigurationPage, { json: JSON.stringify(effectiveConfiguration(config), null, 2) }),
  );
}
