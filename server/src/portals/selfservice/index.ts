// The Self-Service Portal's pages: GET the form, POST → the key or the form again with its message.
import type { FastifyInstance } from 'fastify';
import { UserError } from '../../errors';
import { recoverOwnDriveKey } from '../../recovery/drive-recovery';
import { recoveryDeps, refusalStatus, requesterOf } from '../../recovery/http-context';
import { getBranding } from '../branding';
import { errorsFrom, formFlag, formString, render } from '../shell';
import { type SelfServiceForm, SelfServicePage } from './self-service-page';

export default async function selfServicePages(app: FastifyInstance): Promise<void> {
  const empty: SelfServiceForm = { keyId: '', reason: '', reasonText: '', acceptNotice: false };

  app.get('/selfservice', { schema: { hide: true } }, async (_request, reply) =>
    render(reply, SelfServicePage, { form: empty, errors: {}, outcome: null }),
  );

  app.post('/selfservice', { schema: { hide: true } }, async (request, reply) => {
    const body = request.body;
    const form: SelfServiceForm = {
      keyId: formString(body, 'keyId'),
      reason: formString(body, 'reason'),
      reasonText: formString(body, 'reasonText'),
      acceptNotice: formFlag(body, 'acceptNotice'),
    };
    try {
      const branding = await getBranding(app.services.dbs.recovery);
      if (branding.displayNotice && !form.acceptNotice) {
        throw new UserError(
          'validation_failed',
          'Read the notice and tick "I have read and accept the notice".',
          {
            field: 'acceptNotice',
          },
        );
      }
      const outcome = await recoverOwnDriveKey(
        recoveryDeps(app, request),
        requesterOf(request, 'selfservice-portal'),
        form,
      );
      return render(reply, SelfServicePage, { form: empty, errors: {}, outcome });
    } catch (error) {
      const errors = errorsFrom(error);
      return render(
        reply,
        SelfServicePage,
        { form, errors, outcome: null },
        { status: refusalStatus(error, reply) },
      );
    }
  });
}
