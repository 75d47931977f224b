// The Help Desk Portal's pages: forms that work without JavaScript (POST → result page), every
// request through the same recovery services and audit as the API.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recoverDriveKey } from '../../recovery/drive-recovery';
import { recoveryDeps, refusalStatus, requesterOf } from '../../recovery/http-context';
import { discloseTpmOwnerAuth, listComputerKeys } from '../../recovery/tpm-and-computers';
import { errorsFrom, formString, render } from '../shell';
import { ComputersPage } from './computers-page';
import { type DriveRecoveryForm, DriveRecoveryPage } from './drive-recovery-page';
import { type TpmForm, TpmPage } from './tpm-page';

const isAdvanced = (request: FastifyRequest): boolean =>
  request.principal?.roles.includes('Advanced Helpdesk') ?? false;

const endUserOf = (form: { domain: string; userName: string }) =>
  form.domain || form.userName ? { domain: form.domain, userName: form.userName } : undefined;

export default async function helpdeskPages(app: FastifyInstance): Promise<void> {
  app.get('/helpdesk', { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const keyId = typeof query.keyId === 'string' ? query.keyId.slice(0, 64) : '';
    const form: DriveRecoveryForm = { domain: '', userName: '', keyId, reason: '', reasonText: '' };
    return render(reply, DriveRecoveryPage, {
      advanced: isAdvanced(request),
      form,
      errors: {},
      outcome: null,
    });
  });

  app.post('/helpdesk/drive-recovery', { schema: { hide: true } }, async (request, reply) => {
    const body = request.body;
    const form: DriveRecoveryForm = {
      domain: formString(body, 'domain'),
      userName: formString(body, 'userName'),
      keyId: formString(body, 'keyId'),
      reason: formString(body, 'reason'),
      reasonText: formString(body, 'reasonText'),
    };
    const advanced = isAdvanced(request);
    try {
      const outcome = await recoverDriveKey(
        recoveryDeps(app, request),
        requesterOf(request, 'helpdesk-portal'),
        {
          keyId: form.keyId,
          reason: form.reason,
          reasonText: form.reasonText,
          endUser: endUserOf(form),
        },
      );
      const next = outcome.kind === 'disclosed' ? { ...form, keyId: '', reasonText: '' } : form;
      return render(reply, DriveRecoveryPage, { advanced, form: next, errors: {}, outcome });
    } catch (error) {
      const errors = errorsFrom(error);
      return render(
        reply,
        DriveRecoveryPage,
        { advanced, form, errors, outcome: null },
        { status: refusalStatus(error, reply) },
      );
    }
  });

  const emptyTpm: TpmForm = {
    computerDomain: '',
    computerName: '',
    domain: '',
    userName: '',
    reason: '',
    reasonText: '',
  };

  app.get('/helpdesk/tpm', { schema: { hide: true } }, async (request, reply) =>
    render(reply, TpmPage, { advanced: isAdvanced(request), form: emptyTpm, errors: {}, disclosed: null }),
  );

  app.post('/helpdesk/tpm', { schema: { hide: true } }, async (request, reply) => {
    const body = request.body;
    const form: TpmForm = {
      computerDomain: formString(body, 'computerDomain'),
      computerName: formString(body, 'computerName'),
      domain: formString(body, 'domain'),
      userName: formString(body, 'userName'),
      reason: formString(body, 'reason'),
      reasonText: formString(body, 'reasonText'),
    };
    const advanced = isAdvanced(request);
    try {
      const disclosed = await discloseTpmOwnerAuth(
        recoveryDeps(app, request),
        requesterOf(request, 'helpdesk-portal'),
        {
          domain: form.computerDomain,
          computerName: form.computerName,
          reason: form.reason,
          reasonText: form.reasonText,
          endUser: endUserOf(form),
        },
      );
      return render(reply, TpmPage, { advanced, form: emptyTpm, errors: {}, disclosed });
    } catch (error) {
      const errors = errorsFrom(error);
      return render(
        reply,
        TpmPage,
        { advanced, form, errors, disclosed: null },
        { status: refusalStatus(error, reply) },
      );
    }
  });

  app.get('/helpdesk/computers', { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const asked = {
      domain: typeof query.domain === 'string' ? query.domain.trim() : '',
      name: typeof query.name === 'string' ? query.name.trim() : '',
    };
    // shortened only to show it again: the search itself gets (and refuses) what was typed
    const form = { domain: asked.domain.slice(0, 255), name: asked.name.slice(0, 255) };
    if (!form.domain && !form.name) return render(reply, ComputersPage, { form, errors: {}, computer: null });
    try {
      const computer = await listComputerKeys(
        recoveryDeps(app, request),
        requesterOf(request, 'helpdesk-portal'),
        { domain: asked.domain, computerName: asked.name },
      );
      return render(reply, ComputersPage, { form, errors: {}, computer });
    } catch (error) {
      const errors = errorsFrom(error);
      return render(
        reply,
        ComputersPage,
        { form, errors, computer: null },
        { status: refusalStatus(error, reply) },
      );
    }
  });
}
