// The status report (wire format v1) from what the agent sees. Locked volumes are left out (Windows does
// not tell their conversion state and the protocol has no "unknown"); so are protector ids that are not
// GUIDs (hardware-encryption bands).
import { createHash } from 'node:crypto';
import { Value } from '@sinclair/typebox/value';
import { StatusRequest, isGuid, type VolumeStatus } from '@openmbam/server/protocol';
import { InternalError } from '../errors';
import type { TpmState, Volume } from '../platform/platform';
import type { Compliance } from '../policy/compliance';

export const AGENT_VERSION = '0.1.0';

export interface ReportInput {
  readonly volumes: readonly Volume[];
  readonly compliance: ReadonlyMap<string, Compliance>;
  readonly tpm: TpmState;
  readonly users: readonly string[];
  readonly policyHash: string;
}

export function buildStatusReport(input: ReportInput): StatusRequest {
  const volumes: VolumeStatus[] = input.volumes
    .filter((v) => !v.locked && v.conversionStatus !== null)
    .slice(0, 64)
    .map((v) => {
      const c = input.compliance.get(v.volumeId) ?? { compliant: false, reasons: [] };
      return {
        volumeId: v.volumeId,
        driveType: v.driveType,
        mountPoint: v.mountPoint.slice(0, 260),
        conversionStatus: v.conversionStatus ?? 'FullyDecrypted',
        encryptionPercentage: Math.min(100, Math.max(0, v.encryptionPercentage ?? 0)),
        encryptionMethod: v.encryptionMethod,
        protectionStatus: v.protectionStatus,
        keyProtectors: v.keyProtectors
          .filter((p) => isGuid(p.id))
          .slice(0, 64)
          .map((p) => ({ id: p.id, type: p.type })),
        compliant: c.compliant,
        reasonsForNoncompliance: c.reasons,
      };
    });
  const t = input.tpm;
  const report: StatusRequest = {
    agentVersion: AGENT_VERSION,
    policyHash: input.policyHash,
    users: [...new Set(input.users)].filter((u) => u.length > 0 && u.length <= 256).slice(0, 256),
    tpm: {
      present: t.present,
      ready: t.present && t.enabled && t.activated && t.owned,
      ...(t.version ? { version: t.version.slice(0, 32) } : {}),
    },
    volumes,
  };
  if (!Value.Check(StatusRequest, report)) {
    const e = [...Value.Errors(StatusRequest, report)][0];
    throw new InternalError(
      `the status report does not match the protocol at ${e?.path ?? '/'}: ${e?.message ?? ''}`,
    );
  }
  return report;
}

/** Identifies a report's content (not its users), to send it again only when something changed. */
export function reportHash(report: StatusRequest): string {
  return createHash('sha256')
    .update(JSON.stringify({ ...report, users: [] }))
    .digest('base64url');
}
