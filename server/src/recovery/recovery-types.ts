// The domain types the recovery services return (no row types, no sealed bytes). The list types never
// carry a secret; only `DisclosedKey` and `DisclosedTpmOwnerAuth` do, and only a disclosure returns them.

/** One key protector as the help desk sees it in a list: no secret. */
export interface KeyMatch {
  keyId: string;
  computerName: string;
  domain: string;
  volumeId: string;
  driveType: string;
  mountPoint: string | null;
  escrowedAt: string;
  /** when it was first disclosed, null if never */
  disclosedAt: string | null;
  /** when the agent confirmed the disclosed protector was replaced, null if not yet */
  rotatedAt: string | null;
}

export interface DisclosedKey {
  key: KeyMatch;
  recoveryPassword: string;
  /** the key package (for repair-bde -kp), when the agent escrowed one */
  keyPackage: Buffer | null;
  /** this key had already been disclosed before this request (so the agent was already told to rotate it) */
  previouslyDisclosed: boolean;
  disclosedAt: string;
}

export type DriveRecoveryOutcome =
  | { kind: 'disclosed'; disclosed: DisclosedKey }
  | { kind: 'ambiguous'; matches: KeyMatch[]; truncated: boolean };

export interface DisclosedTpmOwnerAuth {
  computerName: string;
  domain: string;
  ownerAuth: string;
  escrowedAt: string;
}

export interface ComputerVolumes {
  computerName: string;
  domain: string;
  tpm: { present: boolean; version: string | null; ownerAuthEscrowed: boolean };
  keys: KeyMatch[];
}
