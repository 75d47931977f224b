// Manage TPM (the TPM owner authorization of one computer, for "Reset TPM lockout") and, for Advanced
// Helpdesk, the list of a computer's volumes and key ids (no secrets; audited as a search, §9.2).
import { UserError, truncateForMessage } from '../errors';
import { tpmOwnerAuthAad } from '../escrow/associated-data';
import { checkEndUser, type EndUser, toKeyMatch } from './drive-recovery';
import { type AuditBase, auditBase, auditOutcome, enforceRateLimit, helpdeskRole, refuse } from './guard';
import { reasonDescription } from './reasons';
import * as repo from './recovery-repository';
import type { ComputerVolumes, DisclosedTpmOwnerAuth } from './recovery-types';
import { type RecoveryDeps, type Requester, userKeyOf } from './requester';

export interface ComputerInput {
  domain: string;
  computerName: string;
}

export function checkComputer(input: ComputerInput): ComputerInput {
  const domain = input.domain.trim();
  const computerName = input.computerName.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]{0,254}$/.test(domain)) {
    throw new UserError(
      'validation_failed',
      `The computer's domain must be a DNS or NetBIOS domain name such as contoso.com (got "${truncateForMessage(domain, 40)}").`,
      { field: 'computerDomain' },
    );
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/.test(computerName)) {
    throw new UserError(
      'validation_failed',
      `The computer name must be 1 to 63 letters, digits, - or _, e.g. PC-0001 (got "${truncateForMessage(computerName, 40)}").`,
      { field: 'computerName' },
    );
  }
  return { domain, computerName };
}

/**
 * The machine the computer name and domain identify, and the audit base re-targeted at its name as
 * the machine reports it; an unknown computer is audited `no-match` and refused.
 */
async function knownMachine(deps: RecoveryDeps, base: AuditBase, computer: ComputerInput, advice = '') {
  const machine = await repo.findMachineByName(deps.dbs.recovery, computer.domain, computer.computerName);
  if (!machine) {
    return refuse(
      deps,
      base,
      'no-match',
      new UserError(
        'not_found',
        `No computer ${computer.computerName} in domain ${computer.domain} is known to this server.${advice}`,
        { field: 'computerName' },
      ),
    );
  }
  return { machine, target: { ...base, targetComputer: `${machine.domain}\\${machine.computer_name}` } };
}

export async function discloseTpmOwnerAuth(
  deps: RecoveryDeps,
  requester: Requester,
  input: ComputerInput & { reason: string; reasonText?: string; endUser?: EndUser },
): Promise<DisclosedTpmOwnerAuth> {
  const computer = checkComputer(input);
  const reason = reasonDescription(input.reason, input.reasonText);
  const endUser = input.endUser ? checkEndUser(input.endUser) : undefined;
  const role = helpdeskRole(requester);
  const base = auditBase(requester, role, {
    action: 'helpdesk.tpm-owner-auth',
    targetKeyId: null,
    targetComputer: `${computer.domain}\\${computer.computerName}`,
    targetUser: endUser ? userKeyOf(endUser.domain, endUser.userName) : null,
    reason,
  });
  if (!role) {
    return refuse(
      deps,
      base,
      'forbidden',
      new UserError('forbidden', 'Manage TPM needs the Helpdesk or Advanced Helpdesk role.'),
    );
  }
  if (role === 'Helpdesk' && !endUser) {
    throw new UserError(
      'validation_failed',
      "Enter the end user's domain and user name: Helpdesk users get a TPM owner password only for a user of that computer.",
      { field: 'domain' },
    );
  }
  await enforceRateLimit(deps, 'helpdesk', requester, base);

  const { machine, target } = await knownMachine(
    deps,
    base,
    computer,
    ' Check the name and the domain (as the computer reports it, e.g. contoso.com).',
  );
  if (role === 'Helpdesk' && endUser) {
    const users = await repo.machinesOfUser(
      deps.dbs.compliance,
      userKeyOf(endUser.domain, endUser.userName),
      [machine.id],
    );
    if (!users.has(machine.id)) {
      return refuse(
        deps,
        target,
        'forbidden',
        new UserError(
          'forbidden',
          `${endUser.domain}\\${endUser.userName} has never logged on to ${machine.computer_name}, so its TPM owner password is not released for that user.`,
          { field: 'userName' },
        ),
      );
    }
  }
  const sealed = await repo.sealedTpmOwnerAuth(deps.dbs.recovery, machine.id);
  if (!sealed) {
    return refuse(
      deps,
      target,
      'no-match',
      new UserError(
        'not_found',
        `No TPM owner authorization is escrowed for ${machine.computer_name}. Windows 10 1607 and later keep no owner authorization to escrow; use the TPM's lockout reset on the device instead.`,
        { field: 'computerName' },
      ),
    );
  }
  let ownerAuth: Uint8Array;
  try {
    ownerAuth = await deps.sealer.open(
      { ciphertext: sealed.ciphertext, wrappedKey: sealed.wrapped_key, kekId: sealed.kek_id },
      tpmOwnerAuthAad(machine.id),
    );
  } catch (error) {
    await auditOutcome(deps, target, 'unavailable');
    throw error;
  }
  try {
    await auditOutcome(deps, target, 'disclosed');
  } catch (error) {
    ownerAuth.fill(0);
    throw error;
  }
  const value = Buffer.from(ownerAuth).toString('utf8');
  ownerAuth.fill(0);
  return {
    computerName: machine.computer_name,
    domain: machine.domain,
    ownerAuth: value,
    escrowedAt: sealed.updated_at,
  };
}

/** Advanced Helpdesk: every escrowed key protector of a computer, with disclosure state; no secret. */
export async function listComputerKeys(
  deps: RecoveryDeps,
  requester: Requester,
  input: ComputerInput,
): Promise<ComputerVolumes> {
  const computer = checkComputer(input);
  const role = requester.roles.includes('Advanced Helpdesk') ? 'Advanced Helpdesk' : null;
  const base = auditBase(requester, role, {
    action: 'helpdesk.computer-keys',
    targetKeyId: null,
    targetComputer: `${computer.domain}\\${computer.computerName}`,
    targetUser: null,
    reason: null,
  });
  if (!role) {
    return refuse(
      deps,
      base,
      'forbidden',
      new UserError('forbidden', "Listing a computer's keys needs the Advanced Helpdesk role."),
    );
  }
  await enforceRateLimit(deps, 'helpdesk', requester, base);
  const { machine, target } = await knownMachine(deps, base, computer);
  const keys = (await repo.protectorsOfMachine(deps.dbs.recovery, machine.id)).map(toKeyMatch);
  const ownerAuthEscrowed = await repo.hasTpmOwnerAuth(deps.dbs.recovery, machine.id);
  await auditOutcome(deps, target, 'listed');
  return {
    computerName: machine.computer_name,
    domain: machine.domain,
    tpm: {
      present: machine.tpm_present === 1,
      version: machine.tpm_version,
      ownerAuthEscrowed,
    },
    keys,
  };
}
