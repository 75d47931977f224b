// `openmbam audit verify|list`: check the audit log's hash chain and read it. `verify` exits 1 when the
// chain is broken, naming the first broken entry, so a scheduled job can alert on it.
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import {
  type ChainAnchor,
  type ChainVerification,
  listAuditEntries,
  verifyAuditChain,
} from '../../audit/audit-log';
import type { ComplianceDatabase } from '../../db/compliance-database';
import { UserError, truncateForMessage } from '../../errors';
import { parseDurationSeconds } from '../../shared/duration';
import {
  type DataOptions,
  type Output,
  configFrom,
  parseCount,
  stdout,
  withDataOptions,
  withJson,
} from '../options';
import { withServices } from '../with-services';

export async function auditVerify(
  db: Kysely<ComplianceDatabase>,
  opts: { json?: boolean; expectHead?: string },
  out: Output = stdout,
): Promise<ChainVerification> {
  const anchor = opts.expectHead === undefined ? undefined : parseHead(opts.expectHead);
  const result = await verifyAuditChain(db, { anchor });
  if (opts.json) out.json(result);
  else if (result.ok) {
    out.line(
      `Audit log intact: ${result.entries} entr${result.entries === 1 ? 'y' : 'ies'}, head ${result.headSeq} ${result.headHash}`,
    );
    out.line(
      `Keep this head outside the server; check against it later: --expect-head ${result.headSeq}:${result.headHash}`,
    );
  } else {
    out.line(`Audit log BROKEN at entry ${result.seq}: ${result.why}.`);
    out.line(`${result.entries} entr${result.entries === 1 ? 'y' : 'ies'} before it verified.`);
  }
  return result;
}

export async function auditList(
  db: Kysely<ComplianceDatabase>,
  opts: { json?: boolean; since?: string; limit?: string },
  out: Output = stdout,
  now = new Date(),
): Promise<void> {
  const since = opts.since === undefined ? undefined : parseSince(opts.since, now);
  const limit = opts.limit === undefined ? 1000 : parseCount(opts.limit, '--limit');
  const entries = await listAuditEntries(db, { since, limit });
  if (opts.json) return out.json({ entries });
  if (entries.length === 0) return out.line('No audit entries.');
  for (const e of entries) {
    const target = [e.targetComputer, e.targetKeyId, e.targetUser && `for ${e.targetUser}`]
      .filter(Boolean)
      .join(' ');
    out.line(
      `${e.seq}  ${e.occurredAt}  ${e.result.padEnd(12)} ${e.action}  ${e.actor} (${e.actorRole}, ${e.source}, ${e.clientAddress})  ${target}${e.reason ? `  reason: ${e.reason}` : ''}`,
    );
  }
}

/** `--expect-head <seq>:<hash>`, as an earlier verify printed it. */
export function parseHead(value: string): ChainAnchor {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(value.trim());
  if (!m || Number(m[1]) < 1) {
    throw new UserError(
      'invalid_argument',
      `--expect-head must be an entry number and its SHA-256 hash as \`audit verify\` printed them, such as 42:${'0'.repeat(64)} (got "${truncateForMessage(value)}").`,
      { field: '--expect-head' },
    );
  }
  return { seq: Number(m[1]), hash: m[2]! };
}

/** `--since` takes an ISO date/time (2026-11-01, 2026-11-01T08:00:00Z) or a duration back from now (7d). */
export function parseSince(value: string, now: Date): Date {
  if (/^\d+[smhdw]?$/.test(value.trim())) {
    return new Date(now.getTime() - parseDurationSeconds(value, '--since') * 1000);
  }
  const date = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())
    ? new Date(value.trim())
    : new Date(NaN);
  if (Number.isNaN(date.getTime())) {
    throw new UserError(
      'invalid_argument',
      `--since must be a date such as 2026-11-01 or 2026-11-01T08:00:00Z, or a duration back from now such as 12h or 7d (got "${truncateForMessage(value)}").`,
      { field: '--since' },
    );
  }
  return date;
}

export function registerAuditCommands(program: Command): void {
  const audit = program
    .command('audit')
    .description('the tamper-evident audit log of every attempt to see a recovery secret');

  withJson(withDataOptions(audit.command('verify')))
    .description('check every link of the hash chain; exits 1 and names the first broken entry')
    .option(
      '--expect-head <seq:hash>',
      'a head printed by an earlier verify and kept elsewhere: also catches entries cut from the end',
    )
    .action(async (opts: DataOptions & { expectHead?: string }) => {
      const result = await withServices(configFrom(opts), (s) => auditVerify(s.dbs.compliance, opts));
      if (!result.ok) process.exitCode = 1;
    });

  withJson(withDataOptions(audit.command('list')))
    .description('print audit entries, oldest first (never any secret: the log has no field for one)')
    .option('--since <when>', 'from this date (2026-11-01) or this long ago (12h, 7d)')
    .option('--limit <n>', 'at most this many of the newest entries', '1000')
    .action(async (opts: DataOptions & { since?: string; limit: string }) => {
      await withServices(configFrom(opts), (s) => auditList(s.dbs.compliance, opts));
    });
}
