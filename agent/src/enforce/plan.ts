// What policy asks of one volume now, as a pure function: the steps to take, or why none is taken yet.
// Everything but adding a recovery password waits for that volume's recovery passwords to be escrowed
// (the enforcer checks); the plan itself only decides what policy requires and when.
import type { EncryptionMethod } from '@openmbam/server/protocol';
import { TPM_PROTECTOR_TYPES, type TpmState, type Volume } from '../platform/platform';
import { DEFAULT_METHOD, drivePolicy, type EffectivePolicy } from '../policy/effective-policy';

export type Step =
  | { readonly kind: 'add-recovery-password' }
  | { readonly kind: 'add-tpm-protector' }
  | { readonly kind: 'enable-auto-unlock' }
  | { readonly kind: 'start-encryption'; readonly method: EncryptionMethod; readonly usedSpaceOnly: boolean }
  | { readonly kind: 'resume-encryption' }
  | { readonly kind: 'resume-protection' };

export interface Plan {
  readonly steps: Step[];
  /** why encryption is not started although policy requires it */
  readonly waiting?: string;
}

export interface PlanInput {
  readonly volume: Volume;
  readonly policy: EffectivePolicy;
  readonly tpm: TpmState;
  readonly osVolume: Volume | undefined;
  readonly now: Date;
  /** when the agent first saw this volume non-compliant (grace periods count from here) */
  readonly noncompliantSince: Date;
  /** every user who logs on to this machine is exempt */
  readonly usersExempt: boolean;
  readonly remoteSession: boolean;
  /** first cycle since the service started, i.e. after a reboot: MBAM resumes suspended protection then */
  readonly afterStart: boolean;
  /** recovery passwords of this volume are escrowed (policy escrow is on) */
  readonly escrowable: boolean;
}

const DAY = 86_400_000;

export function planVolume(input: PlanInput): Plan {
  const { volume: v, policy } = input;
  if (v.locked) return { steps: [], waiting: 'the volume is locked' };
  const has = (...types: string[]) => v.keyProtectors.some((p) => types.includes(p.type));
  const hasRecoveryPassword = has('NumericalPassword');
  const status = v.conversionStatus;
  const steps: Step[] = [];

  // An encrypted volume without a recovery password cannot be recovered through MBAM: give it one.
  if (
    input.escrowable &&
    status !== 'FullyDecrypted' &&
    status !== 'DecryptionInProgress' &&
    !hasRecoveryPassword
  )
    steps.push({ kind: 'add-recovery-password' });

  const dp = drivePolicy(policy, v.driveType);
  if (dp.encrypt !== true || v.driveType === 'RemovableData') return { steps };

  const osEncrypted = input.osVolume?.conversionStatus === 'FullyEncrypted';
  // A fixed drive with only a recovery password would be locked after every reboot: it gets auto-unlock
  // unless policy forbids it (then the user must choose a password, which the agent cannot do).
  const wantsAutoUnlock = v.driveType === 'FixedData' && policy.fixed.autoUnlock !== 'Forbid';

  if (status === 'EncryptionPaused') steps.push({ kind: 'resume-encryption' });
  if (status === 'FullyEncrypted' && v.protectionStatus === 'Off' && input.afterStart)
    steps.push({ kind: 'resume-protection' });
  if (
    status === 'FullyEncrypted' &&
    v.driveType === 'OperatingSystem' &&
    policy.os.protector === 'Tpm' &&
    input.tpm.present &&
    !has(...TPM_PROTECTOR_TYPES)
  )
    steps.push({ kind: 'add-tpm-protector' });
  if (
    status === 'FullyEncrypted' &&
    policy.fixed.autoUnlock === 'Require' &&
    v.driveType === 'FixedData' &&
    v.autoUnlockEnabled === false &&
    osEncrypted
  )
    steps.push({ kind: 'enable-auto-unlock' });
  if (status !== 'FullyDecrypted') return { steps };

  const waiting = whyWait(input, osEncrypted);
  if (waiting) return { steps, waiting };
  if (!hasRecoveryPassword) steps.push({ kind: 'add-recovery-password' });
  if (v.driveType === 'OperatingSystem' && !has(...TPM_PROTECTOR_TYPES))
    steps.push({ kind: 'add-tpm-protector' });
  if (wantsAutoUnlock && !v.autoUnlockEnabled) steps.push({ kind: 'enable-auto-unlock' });
  steps.push({
    kind: 'start-encryption',
    method: dp.method ?? DEFAULT_METHOD[v.driveType],
    usedSpaceOnly: dp.usedSpaceOnly,
  });
  return { steps };
}

function whyWait(input: PlanInput, osEncrypted: boolean): string | undefined {
  const { volume: v, policy, tpm } = input;
  const dp = drivePolicy(policy, v.driveType);
  if (!input.escrowable)
    return 'key escrow is off: the agent never encrypts without escrowing the recovery password first';
  const graceEnds = input.noncompliantSince.getTime() + dp.graceDays * DAY;
  if (input.now.getTime() < graceEnds)
    return `the grace period runs until ${new Date(graceEnds).toISOString()}`;
  if (input.usersExempt && policy.userExemption.allowed) return 'every user of this computer is exempt';
  if (input.remoteSession)
    return 'a remote desktop session is active (encryption starts only from the console)';
  if (v.driveType === 'OperatingSystem') {
    if (policy.os.protector === 'TpmPin')
      return 'policy requires a TPM+PIN protector, which needs the user to choose a PIN';
    if (!tpm.present || !tpm.enabled || !tpm.activated)
      return policy.os.allowWithoutTpm
        ? 'without a TPM the user must choose a password or startup key'
        : 'the computer has no usable TPM and policy does not allow BitLocker without one';
  }
  if (v.driveType === 'FixedData') {
    if (policy.fixed.autoUnlock === 'Forbid' || policy.fixed.passphrase === 'Require')
      return 'policy requires a password protector on fixed drives, which needs the user to choose a password';
    if (!osEncrypted) return 'fixed drives wait until the OS drive is encrypted (auto-unlock needs it)';
  }
  return undefined;
}
