// My account: personal API tokens (portal and JSON) and who am I.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { UserError } from '../errors';
import { errorsFrom, formString, render, seeOther } from '../portals/shell';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens';
import { AccountPage } from './pages/account-page';

const IdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const CreateTokenBody = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 100 }),
    expiresInDays: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 730 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export function parseDays(value: string): number | null {
  if (value === '') return null;
  if (!/^\d{1,4}$/.test(value)) {
    throw new UserError(
      'validation_failed',
      'Expiry must be a whole number of days from 1 to 730, or empty.',
      {
        field: 'expiresInDays',
      },
    );
  }
  return Number(value);
}

export default async function accountRoutes(app: FastifyInstance): Promise<void> {
  const db = app.services.dbs.recovery;

  app.get('/account', { schema: { hide: true } }, async (request, reply) => {
    const done = (request.query as { done?: string }).done;
    return render(reply, AccountPage, {
      tokens: await listApiTokens(db, request.principal!.id),
      newToken: null,
      errors: {},
      label: '',
      done: done === 'revoked' || done === 'password' ? done : null,
    });
  });

  app.post('/account/tokens', { schema: { hide: true } }, async (request, reply) => {
    const principal = request.principal!;
    const label = formString(request.body, 'label');
    try {
      const expiresInDays = parseDays(formString(request.body, 'expiresInDays'));
      const { token, apiToken } = await createApiToken(db, principal, { label, expiresInDays });
      request.log.info({ tokenId: apiToken.id }, 'API token created');
      return render(reply, AccountPage, {
        tokens: await listApiTokens(db, principal.id),
        newToken: { label: apiToken.label, token },
        errors: {},
        label: '',
        done: null,
      });
    } catch (error) {
      return render(
        reply,
        AccountPage,
        {
          tokens: await listApiTokens(db, principal.id),
          newToken: null,
          errors: errorsFrom(error),
          label,
          done: null,
        },
        { status: 400 },
      );
    }
  });

  app.post<{ Params: { id: string } }>(
    '/account/tokens/:id/revoke',
    { schema: { hide: true, params: IdParams } },
    async (request, reply) => {
      await revokeApiToken(db, request.params.id, request.principal!.id);
      return seeOther(reply, '/account?done=revoked#tokens');
    },
  );

  // --- JSON ---
  app.get('/api/v1/me', { schema: { tags: ['account'] } }, async (request) => {
    const p = request.principal!;
    return { id: p.id, userName: p.userName, displayName: p.displayName, roles: p.roles, source: p.source };
  });

  app.get('/api/v1/account/tokens', { schema: { tags: ['account'] } }, async (request) => ({
    tokens: await listApiTokens(db, request.principal!.id),
  }));

  app.post<{ Body: { label: string; expiresInDays?: number | null } }>(
    '/api/v1/account/tokens',
    { schema: { tags: ['account'], body: CreateTokenBody } },
    async (request, reply) => {
      const { token, apiToken } = await createApiToken(db, request.principal!, request.body);
      return reply.status(201).send({ token, apiToken });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/account/tokens/:id',
    { schema: { tags: ['account'], params: IdParams } },
    async (request, reply) => {
      await revokeApiToken(db, request.params.id, request.principal!.id);
      return reply.status(204).send();
    },
  );
}
