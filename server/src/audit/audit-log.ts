// Appending to and verifying the tamper-evident audit log. An append takes a transaction of the
// Compliance and Audit Database so the entry commits with whatever else the caller writes there;
// `recordAudit` is the one-entry-per-transaction form and retries when a concurrent appender took the
// same sequence number (the primary key decides who wins; the loser re-reads the head and chains on).
import type { Kysely, Transaction } from 'kysely';
import type { AuditLogRow, ComplianceDatabase } from '../db/compliance-database';
import { InternalError } from '../errors';
import { isoNow } from '../shared/clock';
import { isUniqueViolation } from '../shared/unique-violation';
import { type AuditEntry, type AuditEntryInput, GENESIS_HASH, entryHash } from './audit-entry';
import * as repo from './audit-repository';

const MAX_ATTEMPTS = 20;

/** Appends one entry inside the caller's transaction; a lost race surfaces as a unique violation. */
export async function appendAuditEntry(
  trx: Transaction<ComplianceDatabase>,
  input: AuditEntryInput,
  now: Date = new Date(),
): Promise<AuditEntry> {
  const last = await repo.lastEntry(trx);
  const base = {
    ...input,
    seq: (last?.seq ?? 0) + 1,
    occurredAt: isoNow(now),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const entry: AuditEntry = { ...base, prevHash, hash: entryHash(prevHash, base) };
  await repo.insertEntry(trx, toRow(entry));
  return entry;
}

/**
 * Runs `work` and appends `input` in one transaction of the Compliance and Audit Database, retrying
 * the whole transaction when another appender won the sequence number.
 */
export async function recordAudit<T = void>(
  db: Kysely<ComplianceDatabase>,
  input: AuditEntryInput,
  work?: (trx: Transaction<ComplianceDatabase>) => Promise<T>,
  now: () => Date = () => new Date(),
): Promise<{ entry: AuditEntry; value: T | undefined }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const value = work ? await work(trx) : undefined;
        const entry = await appendAuditEntry(trx, input, now());
        return { entry, value };
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (attempt >= MAX_ATTEMPTS) {
        throw new InternalError(`The audit log stayed contended after ${MAX_ATTEMPTS} attempts`, {
          cause: error,
        });
      }
      // jitter so that racing appenders do not collide again in lock step
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}

export type ChainVerification =
  | { ok: true; entries: number; headSeq: number; headHash: string }
  | { ok: false; entries: number; seq: number; why: string };

/**
 * A head printed by an earlier verify and kept outside the database (a SIEM, a write-once store).
 * The chain alone cannot show that entries were cut from its end; the anchor can.
 */
export interface ChainAnchor {
  seq: number;
  hash: string;
}

/**
 * Walks the whole chain in sequence order; answers the first broken link, or ok with the head. With
 * an anchor, the entry it names must still be there with the same hash.
 */
export async function verifyAuditChain(
  db: Kysely<ComplianceDatabase>,
  options: { anchor?: ChainAnchor; pageSize?: number } = {},
): Promise<ChainVerification> {
  const { anchor, pageSize = 1000 } = options;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await repo.pageAfter(db, expectedSeq - 1, pageSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      const entry = fromRow(row);
      if (entry.seq !== expectedSeq) {
        return {
          ok: false,
          entries: checked,
          seq: expectedSeq,
          why: `entry ${expectedSeq} is missing (the next entry is ${entry.seq}): entries were deleted`,
        };
      }
      if (entry.prevHash !== prevHash) {
        return {
          ok: false,
          entries: checked,
          seq: entry.seq,
          why: `prev_hash does not match the hash of entry ${entry.seq - 1}: an earlier entry was replaced or the chain was re-linked`,
        };
      }
      if (entryHash(entry.prevHash, entry) !== entry.hash) {
        return {
          ok: false,
          entries: checked,
          seq: entry.seq,
          why: 'the stored hash does not match the entry: its contents were edited after it was written',
        };
      }
      if (anchor && entry.seq === anchor.seq && entry.hash !== anchor.hash) {
        return {
          ok: false,
          entries: checked,
          seq: entry.seq,
          why: `entry ${entry.seq} is not the one recorded earlier (its hash then was ${anchor.hash}): the log was rewritten from this entry on`,
        };
      }
      prevHash = entry.hash;
      expectedSeq++;
      checked++;
    }
  }
  if (anchor && anchor.seq > checked) {
    return {
      ok: false,
      entries: checked,
      seq: checked + 1,
      why: `the log ends at entry ${checked}, but entry ${anchor.seq} was recorded earlier: entries were removed from its end`,
    };
  }
  return { ok: true, entries: checked, headSeq: expectedSeq - 1, headHash: prevHash };
}

export async function listAuditEntries(
  db: Kysely<ComplianceDatabase>,
  filter: { since?: Date; limit?: number } = {},
): Promise<AuditEntry[]> {
  const rows = await repo.listSince(db, {
    sinceIso: filter.since ? isoNow(filter.since) : undefined,
    limit: filter.limit ?? 1000,
  });
  return rows.map(fromRow);
}

function toRow(e: AuditEntry): AuditLogRow {
  return {
    seq: e.seq,
    occurred_at: e.occurredAt,
    actor: e.actor,
    actor_role: e.actorRole,
    source: e.source,
    client_address: e.clientAddress,
    action: e.action,
    target_key_id: e.targetKeyId,
    target_computer: e.targetComputer,
    target_user: e.targetUser,
    reason: e.reason,
    result: e.result,
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

function fromRow(r: AuditLogRow): AuditEntry {
  return {
    seq: Number(r.seq),
    occurredAt: r.occurred_at,
    actor: r.actor,
    actorRole: r.actor_role,
    source: r.source as AuditEntry['source'],
    clientAddress: r.client_address,
    action: r.action,
    targetKeyId: r.target_key_id,
    targetComputer: r.target_computer,
    targetUser: r.target_user,
    reason: r.reason,
    result: r.result,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
