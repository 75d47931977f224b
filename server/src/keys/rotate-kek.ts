// `openmbam keys rotate-kek`: make a new key encryption key current, then re-wrap every data key in
// the Recovery Database under it while the server keeps serving. Ciphertexts are never touched; each
// update is a compare-and-set so a record changed meanwhile is left for the next run.
import type { Kysely } from 'kysely';
import type { RecoveryDatabase } from '../db/recovery-database';
import type { ServerConfig } from '../config/schema';
import { type RewrapResult, type SecretSealer, rewrapAll, rotateLocalKeyFile } from '../secrets';

type SealedColumns =
  | {
      table: 'key_protectors';
      id: 'id';
      wrapped: 'recovery_password_wrapped_key';
      kek: 'recovery_password_kek_id';
    }
  | { table: 'key_protectors'; id: 'id'; wrapped: 'key_package_wrapped_key'; kek: 'key_package_kek_id' }
  | { table: 'tpm_owner_auth'; id: 'machine_id'; wrapped: 'wrapped_key'; kek: 'kek_id' };

const SEALED: SealedColumns[] = [
  {
    table: 'key_protectors',
    id: 'id',
    wrapped: 'recovery_password_wrapped_key',
    kek: 'recovery_password_kek_id',
  },
  { table: 'key_protectors', id: 'id', wrapped: 'key_package_wrapped_key', kek: 'key_package_kek_id' },
  { table: 'tpm_owner_auth', id: 'machine_id', wrapped: 'wrapped_key', kek: 'kek_id' },
];

export interface RotateKekResult {
  previousKekId: string | null;
  currentKekId: string;
  examined: number;
  rewrapped: number;
  alreadyCurrent: number;
  skipped: number;
}

/** Rotates the local key file (Key Vault keys are rotated in the vault) and re-wraps everything. */
export async function rotateKeyEncryptionKey(
  config: ServerConfig,
  db: Kysely<RecoveryDatabase>,
  sealer: SecretSealer,
  currentKekId: () => Promise<string>,
): Promise<RotateKekResult> {
  let previousKekId: string | null = null;
  if (config.keyEncryptionKey.provider === 'local-key-file') {
    previousKekId = (await rotateLocalKeyFile(config.keyEncryptionKey.keyFile)).previousKeyId;
  }
  const total = { examined: 0, rewrapped: 0, alreadyCurrent: 0, skipped: 0 };
  for (const columns of SEALED) {
    const result = await rewrapColumns(db, sealer, columns);
    total.examined += result.examined;
    total.rewrapped += result.rewrapped;
    total.alreadyCurrent += result.alreadyCurrent;
    total.skipped += result.skipped;
  }
  return { previousKekId, currentKekId: await currentKekId(), ...total };
}

async function rewrapColumns(
  db: Kysely<RecoveryDatabase>,
  sealer: SecretSealer,
  c: SealedColumns,
): Promise<RewrapResult<string>> {
  // Untyped over the three column sets: the set is fixed above and every name is a real column.
  const raw = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  async function* records() {
    let after = '';
    for (;;) {
      const page = await raw
        .selectFrom(c.table)
        .select([`${c.id} as id`, `${c.wrapped} as wrappedKey`, `${c.kek} as kekId`])
        .where(c.id, '>', after)
        .where(c.kek, 'is not', null)
        .orderBy(c.id)
        .limit(500)
        .execute();
      for (const row of page) yield row as { id: string; wrappedKey: Uint8Array; kekId: string };
      if (page.length < 500) return;
      after = String(page[page.length - 1]!.id);
    }
  }
  return rewrapAll<string>({
    sealer,
    records: records(),
    save: async (id, previous, next) => {
      const result = await raw
        .updateTable(c.table)
        .set({ [c.wrapped]: next.wrappedKey, [c.kek]: next.kekId })
        .where(c.id, '=', id)
        .where(c.kek, '=', previous.kekId)
        // the data key too: a record re-sealed meanwhile under the same old KEK must not get this one
        .where(c.wrapped, '=', previous.wrappedKey)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  });
}
