// The Help Desk and Self-Service automation API (DESIGN.md "Automation API"), named after MBAM's
// cmdlets Get-MbamBitLockerRecoveryKey and Get-MbamTPMOwnerPassword. Callers authenticate with a
// personal API token carrying their roles; the authorization table (people/authorization.ts) admits
// them, and every call is audited like the portal's.
import type { FastifyInstance } from 'fastify';
import { recoverDriveKey, recoverOwnDriveKey } from './drive-recovery';
import { recoveryDeps, requesterOf } from './http-context';
import type { DriveRecoveryOutcome } from './recovery-types';
import {
  ComputerParams,
  ComputerVolumesResponse,
  HelpdeskRecoveryKeyRequest,
  RecoveryKeyResponse,
  SelfServiceRecoveryKeyRequest,
  TpmOwnerAuthRequest,
  TpmOwnerAuthResponse,
  errorResponses,
} from './schemas';
import { discloseTpmOwnerAuth, listComputerKeys } from './tpm-and-computers';

export default async function recoveryApi(app: FastifyInstance): Promise<void> {
  app.post(
    '/helpdesk/recovery-key',
    {
      schema: {
        tags: ['helpdesk'],
        summary:
          'Drive Recovery: the recovery password (and key package) of a key id, or the matches of a prefix',
        body: HelpdeskRecoveryKeyRequest,
        response: { 200: RecoveryKeyResponse, ...errorResponses },
      },
    },
    async (request) => {
      const body = request.body as HelpdeskRecoveryKeyRequest;
      const outcome = await recoverDriveKey(recoveryDeps(app, request), requesterOf(request, 'api'), {
        keyId: body.keyId,
        reason: body.reason,
        reasonText: body.reasonText,
        endUser: body.user,
      });
      return toWire(outcome);
    },
  );

  app.post(
    '/helpdesk/tpm-owner-auth',
    {
      schema: {
        tags: ['helpdesk'],
        summary: 'Manage TPM: the TPM owner authorization of a computer',
        body: TpmOwnerAuthRequest,
        response: { 200: TpmOwnerAuthResponse, ...errorResponses },
      },
    },
    async (request) => {
      const body = request.body as TpmOwnerAuthRequest;
      return discloseTpmOwnerAuth(recoveryDeps(app, request), requesterOf(request, 'api'), {
        domain: body.computer.domain,
        computerName: body.computer.name,
        reason: body.reason,
        reasonText: body.reasonText,
        endUser: body.user,
      });
    },
  );

  app.get(
    '/helpdesk/computers/:domain/:name/volumes',
    {
      schema: {
        tags: ['helpdesk'],
        summary: 'Advanced Helpdesk: the volumes and key ids of a computer (no secrets)',
        params: ComputerParams,
        response: { 200: ComputerVolumesResponse, ...errorResponses },
      },
    },
    async (request) => {
      const params = request.params as ComputerParams;
      return listComputerKeys(recoveryDeps(app, request), requesterOf(request, 'api'), {
        domain: params.domain,
        computerName: params.name,
      });
    },
  );

  app.post(
    '/selfservice/recovery-key',
    {
      schema: {
        tags: ['selfservice'],
        summary: 'Self-Service: the recovery password of a computer the caller has logged on to',
        body: SelfServiceRecoveryKeyRequest,
        response: { 200: RecoveryKeyResponse, ...errorResponses },
      },
    },
    async (request) => {
      const body = request.body as SelfServiceRecoveryKeyRequest;
      return toWire(
        await recoverOwnDriveKey(recoveryDeps(app, request), requesterOf(request, 'api'), {
          keyId: body.keyId,
          reason: body.reason,
          reasonText: body.reasonText,
        }),
      );
    },
  );
}

function toWire(outcome: DriveRecoveryOutcome) {
  if (outcome.kind === 'ambiguous') {
    return {
      result: 'ambiguous' as const,
      message: `${outcome.matches.length}${outcome.truncated ? '+' : ''} recovery keys match; send more digits of the key id (all 32 select exactly one).`,
      matches: outcome.matches,
      truncated: outcome.truncated,
    };
  }
  const d = outcome.disclosed;
  return {
    result: 'disclosed' as const,
    key: d.key,
    recoveryPassword: d.recoveryPassword,
    keyPackage: d.keyPackage ? d.keyPackage.toString('base64') : null,
    previouslyDisclosed: d.previouslyDisclosed,
    disclosedAt: d.disclosedAt,
  };
}
