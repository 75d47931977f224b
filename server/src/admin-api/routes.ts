// The administration pages as JSON under /api/v1/admin (System Administrators, usually with a
// personal API token): the same service functions, the same audit entries.
import { Type } from '@sinclair/typebox';
import { listDeviceSummaries } from '../devices/device-list';
import type { FastifyInstance } from 'fastify';
import { createEnrollmentToken, listEnrollmentTokens, revokeEnrollmentToken } from '../enrollment/tokens';
import { revokeDevice } from '../devices/device-repository';
import { UserError } from '../errors';
import { addLocalUser, listLocalUsers, parseRoles } from '../people/local-users';
import { addRoleMapping, listRoleMappings, removeRoleMapping } from '../people/role-mappings';
import { ROLES } from '../people/roles';
import {
  getLocalUser,
  resetLocalUserPassword,
  setLocalUserDisabled,
  setLocalUserRoles,
} from '../people/user-admin';
import { auditAdministration } from '../portals/admin/audit';
import { effectiveConfiguration } from '../portals/admin/effective-config';
import { getBranding, saveBranding } from '../portals/branding';
import { isoNow } from '../shared/clock';

const strict = { additionalProperties: false } as const;
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }, strict);
const RoleList = Type.Array(Type.Union(ROLES.map((r) => Type.Literal(r))), { maxItems: ROLES.length });
type Id = { Params: { id: string } };

const CreateEnrollmentToken = Type.Object(
  {
    label: Type.Optional(Type.String({ maxLength: 200 })),
    uses: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 365 }),
    /** may enroll computers that are already known (re-imaged); their earlier devices are revoked */
    allowReenrollment: Type.Optional(Type.Boolean()),
  },
  strict,
);
const CreateUser = Type.Object(
  {
    userName: Type.String({ minLength: 1, maxLength: 256 }),
    displayName: Type.Optional(Type.String({ maxLength: 256 })),
    roles: RoleList,
  },
  strict,
);
const UpdateUser = Type.Object(
  { roles: Type.Optional(RoleList), disabled: Type.Optional(Type.Boolean()) },
  strict,
);
const CreateMapping = Type.Object(
  {
    claimValue: Type.String({ minLength: 1, maxLength: 256 }),
    role: Type.Union(ROLES.map((r) => Type.Literal(r))),
  },
  strict,
);
const BrandingBody = Type.Object(
  {
    companyName: Type.String({ maxLength: 100 }),
    helpdeskText: Type.String({ maxLength: 200 }),
    helpdeskUrl: Type.String({ maxLength: 500 }),
    displayNotice: Type.Boolean(),
    noticeText: Type.String({ maxLength: 4000 }),
  },
  strict,
);

export default async function adminApi(app: FastifyInstance): Promise<void> {
  const { dbs, config } = app.services;
  const db = dbs.recovery;
  const tags = ['administration'];

  app.get('/api/v1/admin/enrollment-tokens', { schema: { tags } }, async () => ({
    tokens: await listEnrollmentTokens(db),
  }));
  app.post<{ Body: { label?: string; uses: number; expiresInDays: number; allowReenrollment?: boolean } }>(
    '/api/v1/admin/enrollment-tokens',
    { schema: { tags, body: CreateEnrollmentToken } },
    async (request, reply) => {
      const { token, enrollmentToken } = await createEnrollmentToken(db, {
        uses: request.body.uses,
        expiresInSeconds: request.body.expiresInDays * 86_400,
        label: request.body.label,
        allowReenrollment: request.body.allowReenrollment === true,
      });
      await auditAdministration(request, 'enrollment-token.create', enrollmentToken.id);
      return reply.status(201).send({ token, enrollmentToken });
    },
  );
  app.delete<Id>(
    '/api/v1/admin/enrollment-tokens/:id',
    { schema: { tags, params: IdParams } },
    async (request, reply) => {
      await revokeEnrollmentToken(db, request.params.id);
      await auditAdministration(request, 'enrollment-token.revoke', request.params.id);
      return reply.status(204).send();
    },
  );

  app.get('/api/v1/admin/devices', { schema: { tags } }, async () => ({
    devices: await listDeviceSummaries(dbs),
  }));
  app.post<Id>(
    '/api/v1/admin/devices/:id/revoke',
    { schema: { tags, params: IdParams } },
    async (request, reply) => {
      if (!(await revokeDevice(db, request.params.id, isoNow()))) {
        throw new UserError('not_found', 'No active device has that id; it may already be revoked.', {
          field: 'id',
        });
      }
      await auditAdministration(request, 'device.revoke', request.params.id);
      return reply.status(204).send();
    },
  );

  app.get('/api/v1/admin/users', { schema: { tags } }, async () => ({ users: await listLocalUsers(db) }));
  app.post<{ Body: { userName: string; displayName?: string; roles: string[] } }>(
    '/api/v1/admin/users',
    { schema: { tags, body: CreateUser } },
    async (request, reply) => {
      const result = await addLocalUser(db, {
        userName: request.body.userName,
        displayName: request.body.displayName,
        roles: parseRoles(request.body.roles),
      });
      await auditAdministration(request, 'user.add', result.user.userName);
      return reply.status(201).send(result);
    },
  );
  app.patch<Id & { Body: { roles?: string[]; disabled?: boolean } }>(
    '/api/v1/admin/users/:id',
    { schema: { tags, params: IdParams, body: UpdateUser } },
    async (request) => {
      const { id } = request.params;
      const { roles, disabled } = request.body;
      const parsedRoles = roles ? parseRoles(roles) : undefined;
      // One transaction: a refused half (e.g. disabling the last administrator) leaves the other unapplied.
      await db.transaction().execute(async (trx) => {
        if (parsedRoles) await setLocalUserRoles(trx, id, parsedRoles);
        if (disabled !== undefined) await setLocalUserDisabled(trx, id, disabled);
      });
      const user = await getLocalUser(db, id);
      if (parsedRoles) await auditAdministration(request, 'user.roles', user.userName);
      if (disabled !== undefined) {
        await auditAdministration(request, disabled ? 'user.disable' : 'user.enable', user.userName);
      }
      return { user };
    },
  );
  app.post<Id>(
    '/api/v1/admin/users/:id/reset-password',
    { schema: { tags, params: IdParams } },
    async (request) => {
      const oneTimePassword = await resetLocalUserPassword(db, request.params.id);
      const user = await getLocalUser(db, request.params.id);
      await auditAdministration(request, 'user.reset-password', user.userName);
      return { user, oneTimePassword };
    },
  );

  app.get('/api/v1/admin/role-mappings', { schema: { tags } }, async () => ({
    claim: config.oidc?.roleClaim ?? null,
    mappings: await listRoleMappings(db, config.oidc),
  }));
  app.post<{ Body: { claimValue: string; role: string } }>(
    '/api/v1/admin/role-mappings',
    { schema: { tags, body: CreateMapping } },
    async (request, reply) => {
      const mapping = await addRoleMapping(db, request.body, request.principal!.userName);
      await auditAdministration(request, 'role-mapping.add', `${mapping.claimValue} → ${mapping.role}`);
      return reply.status(201).send({ mapping });
    },
  );
  app.delete<Id>(
    '/api/v1/admin/role-mappings/:id',
    { schema: { tags, params: IdParams } },
    async (request, reply) => {
      await removeRoleMapping(db, request.params.id);
      await auditAdministration(request, 'role-mapping.remove', request.params.id);
      return reply.status(204).send();
    },
  );

  app.get('/api/v1/admin/branding', { schema: { tags } }, async () => ({ branding: await getBranding(db) }));
  app.put<{
    Body: {
      companyName: string;
      helpdeskText: string;
      helpdeskUrl: string;
      displayNotice: boolean;
      noticeText: string;
    };
  }>('/api/v1/admin/branding', { schema: { tags, body: BrandingBody } }, async (request) => {
    const branding = await saveBranding(db, request.body, request.principal!.userName);
    await auditAdministration(request, 'branding.save', null);
    return { branding };
  });

  app.get('/api/v1/admin/configuration', { schema: { tags } }, async () => ({
    configuration: effectiveConfiguration(config),
  }));
}
