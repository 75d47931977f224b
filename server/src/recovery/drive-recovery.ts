// Drive Recovery (Help Desk) and "get my key" (Self-Service): find key protectors by key id (prefix),
// narrow them to the machines the end user has logged on to, list them when several remain, and
// otherwise disclose the one key.
//
// Disclosure order (two databases, no distributed transaction): the sealed secrets are opened first
// (in memory), then the audit entry "disclosed" is committed in the Compliance and Audit Database,
// then the key is marked disclosed in the Recovery Database, and only then is the secret returned.
// A failure before the audit commit releases nothing; a failure between the audit commit and the mark
// releases nothing either, and appends a "not-delivered" entry (best effort), so the log may claim a
// disclosure that did not reach anyone, never the reverse.
import { UserError, truncateForMessage } from '../errors';
import { keyPackageAad, recoveryPasswordAad } from '../escrow/associated-data';
import { markDisclosed } from '../escrow/key-protector-repository';
import { isoNow } from '../shared/clock';
import {
  type AuditBase,
  auditBase,
  auditOutcome,
  enforceRateLimit,
  helpdeskRole,
  nowOf,
  refuse,
} from './guard';
import { type KeyIdQuery, keyIdQueryText, parseKeyIdQuery } from './key-id';
import { reasonDescription } from './reasons';
import * as repo from './recovery-repository';
import type { DisclosedKey, DriveRecoveryOutcome, KeyMatch } from './recovery-types';
import { type RecoveryDeps, type Requester, endUserKey, userKeyOf } from './requester';

/** More matches than this are not listed: the person is asked for more digits. */
export const MAX_MATCHES = 25;

export interface EndUser {
  domain: string;
  userName: string;
}

export interface DriveRecoveryInput {
  keyId: string;
  reason: string;
  reasonText?: string;
  /** required for Helpdesk, optional (recorded, not checked) for Advanced Helpdesk */
  endUser?: EndUser;
}

export async function recoverDriveKey(
  deps: RecoveryDeps,
  requester: Requester,
  input: DriveRecoveryInput,
): Promise<DriveRecoveryOutcome> {
  const query = parseKeyIdQuery(input.keyId);
  const reason = reasonDescription(input.reason, input.reasonText);
  const role = helpdeskRole(requester);
  const endUser = input.endUser ? checkEndUser(input.endUser) : undefined;
  const base = auditBase(requester, role, {
    action: 'helpdesk.recovery-key',
    targetKeyId: keyIdQueryText(query),
    targetComputer: null,
    targetUser: endUser ? userKeyOf(endUser.domain, endUser.userName) : null,
    reason,
  });
  if (!role) {
    return refuse(
      deps,
      base,
      'forbidden',
      new UserError('forbidden', 'Drive Recovery needs the Helpdesk or Advanced Helpdesk role.'),
    );
  }
  if (role === 'Helpdesk' && !endUser) {
    throw new UserError(
      'validation_failed',
      "Enter the end user's domain and user name (e.g. CONTOSO and alice): Helpdesk users recover keys only for a named user.",
      { field: 'domain' },
    );
  }
  await enforceRateLimit(deps, 'helpdesk', requester, base);

  let matches = await findMatches(deps, query);
  if (matches.length === 0) {
    return refuse(deps, base, 'no-match', noMatch(query));
  }
  if (role === 'Helpdesk' && endUser) {
    matches = await onMachinesOf(deps, userKeyOf(endUser.domain, endUser.userName), matches);
    if (matches.length === 0) {
      return refuse(
        deps,
        base,
        'forbidden',
        new UserError(
          'forbidden',
          `No computer that ${endUser.domain}\\${endUser.userName} has logged on to has a recovery key with id ${keyIdQueryText(query)}. Check the user and the key id shown on the recovery screen; an Advanced Helpdesk user can recover by key id alone.`,
          { field: 'keyId' },
        ),
      );
    }
  }
  return settle(deps, base, matches);
}

/** Self-Service: the signed-in user recovers a key of a machine they have logged on to. */
export async function recoverOwnDriveKey(
  deps: RecoveryDeps,
  requester: Requester,
  input: { keyId: string; reason: string; reasonText?: string },
): Promise<DriveRecoveryOutcome> {
  const query = parseKeyIdQuery(input.keyId);
  const reason = reasonDescription(input.reason, input.reasonText);
  const userKey = endUserKey(requester.userName, deps.upnDomains);
  const base = auditBase(requester, 'Self-Service', {
    action: 'selfservice.recovery-key',
    targetKeyId: keyIdQueryText(query),
    targetComputer: null,
    targetUser: userKey,
    reason,
  });
  await enforceRateLimit(deps, 'selfservice', requester, base);
  const all = await findMatches(deps, query);
  if (all.length === 0) return refuse(deps, base, 'no-match', noMatch(query));
  const matches = await onMachinesOf(deps, userKey, all);
  if (matches.length === 0) {
    return refuse(
      deps,
      base,
      'forbidden',
      new UserError(
        'forbidden',
        `The recovery key ${keyIdQueryText(query)} does not belong to a computer you (${requester.userName}) have signed in to, so it cannot be shown here. Call the help desk.`,
        { field: 'keyId' },
      ),
    );
  }
  return settle(deps, base, matches);
}

async function findMatches(deps: RecoveryDeps, query: KeyIdQuery): Promise<repo.ProtectorMatchRow[]> {
  return repo.findProtectorsByKeyId(deps.dbs.recovery, query, MAX_MATCHES + 1);
}

/** The matches on machines the user (`DOMAIN\USER`) has logged on to, as agents report them. */
async function onMachinesOf(
  deps: RecoveryDeps,
  userKey: string,
  matches: repo.ProtectorMatchRow[],
): Promise<repo.ProtectorMatchRow[]> {
  const own = await repo.machinesOfUser(
    deps.dbs.compliance,
    userKey,
    matches.map((m) => m.machine_id),
  );
  return matches.filter((m) => own.has(m.machine_id));
}

async function settle(
  deps: RecoveryDeps,
  base: AuditBase,
  matches: repo.ProtectorMatchRow[],
): Promise<DriveRecoveryOutcome> {
  if (matches.length > 1) {
    await auditOutcome(deps, base, 'ambiguous');
    return {
      kind: 'ambiguous',
      matches: matches.slice(0, MAX_MATCHES).map(toKeyMatch),
      truncated: matches.length > MAX_MATCHES,
    };
  }
  const match = matches[0]!;
  const disclosed = await disclose(
    deps,
    {
      ...base,
      targetKeyId: match.key_protector_id,
      targetComputer: `${match.domain}\\${match.computer_name}`,
    },
    match,
  );
  return { kind: 'disclosed', disclosed };
}

async function disclose(
  deps: RecoveryDeps,
  base: AuditBase,
  match: repo.ProtectorMatchRow,
): Promise<DisclosedKey> {
  const sealed = await repo.sealedSecrets(deps.dbs.recovery, match.id);
  let password: Uint8Array;
  let keyPackage: Uint8Array | null = null;
  try {
    password = await deps.sealer.open(
      {
        ciphertext: sealed.recovery_password_ciphertext,
        wrappedKey: sealed.recovery_password_wrapped_key,
        kekId: sealed.recovery_password_kek_id,
      },
      recoveryPasswordAad(match.machine_id, match.volume_guid, match.key_protector_id),
    );
    if (sealed.key_package_ciphertext && sealed.key_package_wrapped_key && sealed.key_package_kek_id) {
      keyPackage = await deps.sealer.open(
        {
          ciphertext: sealed.key_package_ciphertext,
          wrappedKey: sealed.key_package_wrapped_key,
          kekId: sealed.key_package_kek_id,
        },
        keyPackageAad(match.machine_id, match.volume_guid, match.key_protector_id),
      );
    }
  } catch (error) {
    await auditOutcome(deps, base, 'unavailable');
    throw error;
  }

  const now = nowOf(deps);
  const disclosedAt = isoNow(now);
  try {
    await auditOutcome(deps, base, 'disclosed', now);
    await markDisclosed(deps.dbs.recovery, match.id, disclosedAt);
  } catch (error) {
    password.fill(0);
    keyPackage?.fill(0);
    await auditOutcome(deps, base, 'not-delivered').catch((auditError: unknown) =>
      deps.log.error({ err: auditError }, 'could not audit an undelivered disclosure'),
    );
    throw error;
  }
  const recoveryPassword = Buffer.from(password).toString('utf8');
  password.fill(0);
  const result: DisclosedKey = {
    key: toKeyMatch({ ...match, disclosed_at: match.disclosed_at ?? disclosedAt }),
    recoveryPassword,
    keyPackage: keyPackage ? Buffer.from(keyPackage) : null,
    previouslyDisclosed: match.disclosed_at !== null,
    disclosedAt,
  };
  keyPackage?.fill(0);
  return result;
}

export function toKeyMatch(row: repo.ProtectorMatchRow): KeyMatch {
  return {
    keyId: row.key_protector_id,
    computerName: row.computer_name,
    domain: row.domain,
    volumeId: row.volume_guid,
    driveType: row.drive_type,
    mountPoint: row.mount_point,
    escrowedAt: row.created_at,
    disclosedAt: row.disclosed_at,
    rotatedAt: row.rotated_at,
  };
}

function noMatch(query: KeyIdQuery): UserError {
  return new UserError(
    'not_found',
    query.kind === 'exact'
      ? `No recovery key with id ${query.keyId} is escrowed. Check the id shown on the BitLocker recovery screen.`
      : `No recovery key id starts with ${query.prefix.slice(1)}. Check the first ${query.digits} digits shown on the BitLocker recovery screen.`,
    { field: 'keyId' },
  );
}

export function checkEndUser(endUser: EndUser): EndUser {
  const domain = endUser.domain.trim();
  const userName = endUser.userName.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]{0,254}$/.test(domain)) {
    throw new UserError(
      'validation_failed',
      `The end user's domain must be a NetBIOS or DNS domain name such as CONTOSO or contoso.com (got "${truncateForMessage(domain, 40)}").`,
      { field: 'domain' },
    );
  }
  if (!/^[^\\/"[\]:;|=,+*?<>\s\p{Cc}]{1,104}$/u.test(userName)) {
    throw new UserError(
      'validation_failed',
      `The end user's user name must be a Windows logon name without the domain, e.g. alice (got "${truncateForMessage(userName, 40)}").`,
      { field: 'userName' },
    );
  }
  return { domain, userName };
}
