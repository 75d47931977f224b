// The heart of `openmbam keys rotate-kek`: after the KEK was rotated (rotateLocalKeyFile, or a new
// key version in Key Vault), move every data key to the current KEK while the server keeps running.
// Only wrapped keys change; ciphertexts are never read or written.
//
// The data layer supplies the records and a compare-and-set `save` (update ... where id = ? and
// kek_id = ? and wrapped_key = ?), so a record the server re-sealed meanwhile is not overwritten.
// A record wrapped with the old KEK just before the server noticed the rotation is picked up by
// the next run; old KEKs stay available for unwrapping, so nothing is lost either way.
import type { SealedSecret } from './kek-provider';
import type { SecretSealer } from './secret-sealer';

export interface RewrapRecord<Id> {
  id: Id;
  wrappedKey: Uint8Array;
  kekId: string;
}

export interface RewrapResult<Id> {
  examined: number;
  rewrapped: number;
  alreadyCurrent: number;
  /** save() returned false: the record changed meanwhile (it is re-examined by the next run) */
  skipped: number;
  /** records that could not be re-wrapped (only collected when `stopOnError` is false) */
  failures: { id: Id; error: unknown }[];
}

export async function rewrapAll<Id>(options: {
  sealer: SecretSealer;
  records: AsyncIterable<RewrapRecord<Id>> | Iterable<RewrapRecord<Id>>;
  save: (
    id: Id,
    previous: Pick<SealedSecret, 'wrappedKey' | 'kekId'>,
    next: Pick<SealedSecret, 'wrappedKey' | 'kekId'>,
  ) => Promise<boolean>;
  /** default true: stop at the first record that cannot be re-wrapped */
  stopOnError?: boolean;
  onProgress?: (result: Readonly<RewrapResult<Id>>) => void;
}): Promise<RewrapResult<Id>> {
  const result: RewrapResult<Id> = { examined: 0, rewrapped: 0, alreadyCurrent: 0, skipped: 0, failures: [] };
  for await (const record of options.records) {
    result.examined++;
    let next: Pick<SealedSecret, 'wrappedKey' | 'kekId'> | null;
    try {
      next = await options.sealer.rewrap(record);
    } catch (err) {
      if (options.stopOnError !== false) throw err;
      result.failures.push({ id: record.id, error: err });
      continue;
    }
    if (next === null) result.alreadyCurrent++;
    else if (await options.save(record.id, { wrappedKey: record.wrappedKey, kekId: record.kekId }, next)) {
      result.rewrapped++;
    } else result.skipped++;
    options.onProgress?.(result);
  }
  return result;
}
