// Administration actions go to the same tamper-evident audit log as key recoveries (audit/), so
// "who created that enrollment token / gave alice Advanced Helpdesk" has an answer.
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../audit/audit-log';

export async function auditAdministration(
  request: FastifyRequest,
  action: string,
  target: string | null,
  result: 'succeeded' | 'failed' = 'succeeded',
): Promise<void> {
  const principal = request.principal;
  await recordAudit(request.server.services.dbs.compliance, {
    actor: principal?.userName ?? '(anonymous)',
    actorRole: 'System Administrators',
    // The audit sources are MBAM's channels; the Administration pages are part of the Help Desk website.
    source: request.authenticatedBy === 'api-token' ? 'api' : 'helpdesk-portal',
    clientAddress: request.ip,
    action: `admin.${action}`,
    targetKeyId: null,
    targetComputer: null,
    targetUser: target,
    reason: null,
    result,
  });
}
