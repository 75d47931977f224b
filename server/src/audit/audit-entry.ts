// The audit log's domain type and its hash chain (pure functions). Each entry's hash is
// sha256(prev_hash + canonical JSON of the entry), so editing, deleting or reordering any row breaks
// every later link and `openmbam audit verify` names the first one. Secrets have no field here.
import { createHash } from 'node:crypto';

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Where an attempt came from (MBAM's "Audit Request Source", plus the automation API and the CLI). */
export type AuditSource = 'helpdesk-portal' | 'selfservice-portal' | 'api' | 'cli';

/**
 * What happened. Disclosures, lookups that found nothing and refusals are all recorded: MBAM's Recovery
 * Audit Report lists failed requests too.
 */
export type AuditResult =
  | 'disclosed'
  | 'listed'
  | 'no-match'
  | 'ambiguous'
  | 'forbidden'
  | 'rate-limited'
  | 'unavailable'
  | 'not-delivered'
  | 'succeeded'
  | 'failed';

/** One attempt, as the caller describes it (no sequence number or hashes yet). */
export interface AuditEntryInput {
  /** who asked, as shown and signed in, e.g. `CONTOSO\helpdesk1` */
  actor: string;
  /** the role the action was allowed under, e.g. `Advanced Helpdesk`, or `Self-Service` */
  actorRole: string;
  source: AuditSource;
  clientAddress: string;
  /** e.g. `helpdesk.recovery-key`, `helpdesk.tpm-owner-auth`, `selfservice.recovery-key` */
  action: string;
  targetKeyId: string | null;
  /** `DOMAIN\COMPUTER` */
  targetComputer: string | null;
  /** the end user the request is for (MBAM's "End User"), `DOMAIN\user`; null when not given */
  targetUser: string | null;
  reason: string | null;
  result: AuditResult | string;
}

export interface AuditEntry extends AuditEntryInput {
  seq: number;
  occurredAt: string;
  prevHash: string;
  hash: string;
}

/** The hashed fields, in a fixed (sorted) key order, as one line of JSON. */
export function canonicalJson(entry: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  const fields: Record<string, string | number | null> = {
    action: entry.action,
    actor: entry.actor,
    actorRole: entry.actorRole,
    clientAddress: entry.clientAddress,
    occurredAt: entry.occurredAt,
    reason: entry.reason,
    result: entry.result,
    seq: entry.seq,
    source: entry.source,
    targetComputer: entry.targetComputer,
    targetKeyId: entry.targetKeyId,
    targetUser: entry.targetUser,
  };
  return JSON.stringify(fields, Object.keys(fields).sort());
}

export function entryHash(prevHash: string, entry: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  return createHash('sha256')
    .update(prevHash + canonicalJson(entry))
    .digest('hex');
}
