// A BitLocker recovery password: 8 groups of 6 digits, each divisible by 11 and at most 720885
// (each group encodes 16 bits × 11). Microsoft's documented per-digit formula has its sign flipped
// (reference/bitlocker-client.md §4), so we check divisibility, which is what Windows does.
export const RECOVERY_PASSWORD_PATTERN = '^[0-9]{6}(-[0-9]{6}){7}$';
const recoveryPassword = new RegExp(RECOVERY_PASSWORD_PATTERN);

export type RecoveryPasswordProblem =
  | { kind: 'format' }
  | { kind: 'group'; group: number; reason: 'not divisible by 11' | 'greater than 720885' };

export function checkRecoveryPassword(value: string): RecoveryPasswordProblem | null {
  if (!recoveryPassword.test(value)) return { kind: 'format' };
  const groups = value.split('-');
  for (let i = 0; i < groups.length; i++) {
    const n = Number(groups[i]);
    if (n % 11 !== 0) return { kind: 'group', group: i + 1, reason: 'not divisible by 11' };
    if (n > 720885) return { kind: 'group', group: i + 1, reason: 'greater than 720885' };
  }
  return null;
}

export const isRecoveryPassword = (value: string): boolean => checkRecoveryPassword(value) === null;
