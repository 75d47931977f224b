// The durable escrow spool: protectors whose recovery password must reach the server and has not yet.
// Entries name the volume and protector only; the password is read from the volume when the entry is
// delivered, so no secret rests in the agent's state (a protector deleted meanwhile no longer unlocks
// anything, and its entry is dropped).
import { Type, type Static } from '@sinclair/typebox';
import { DriveType } from '@openmbam/server/protocol';
import type { Logger } from '../service/log';
import { readState, type StateStore } from '../service/state-store';

export const SpoolEntry = Type.Object({
  volumeId: Type.String(),
  keyProtectorId: Type.String(),
  driveType: DriveType,
  mountPoint: Type.Optional(Type.String()),
  reason: Type.Union([Type.Literal('enforce'), Type.Literal('rotation'), Type.Literal('reconcile')]),
  since: Type.String(),
  attempts: Type.Integer({ minimum: 0 }),
});
export type SpoolEntry = Static<typeof SpoolEntry>;

const SpoolDocument = Type.Object({ version: Type.Literal(1), entries: Type.Array(SpoolEntry) });
const NAME = 'escrow-spool';
/** A machine has few volumes; more entries than this means something is looping. */
const MAX_ENTRIES = 256;

export class Spool {
  readonly #store: StateStore;
  readonly #log: Logger;
  #entries: SpoolEntry[];

  private constructor(store: StateStore, log: Logger, entries: SpoolEntry[]) {
    this.#store = store;
    this.#log = log;
    this.#entries = entries;
  }

  static async load(store: StateStore, log: Logger): Promise<Spool> {
    const doc = await readState(store, NAME, SpoolDocument, (p) =>
      log.error('state.corrupt', `${p} Pending escrows are found again by the next full reconciliation.`),
    );
    return new Spool(store, log, doc?.entries ?? []);
  }

  list(): readonly SpoolEntry[] {
    return this.#entries;
  }

  async add(entry: Omit<SpoolEntry, 'attempts' | 'since'>, now: Date): Promise<void> {
    const prev = this.#find(entry.volumeId, entry.keyProtectorId);
    const next: SpoolEntry = {
      ...entry,
      since: prev?.since ?? now.toISOString(),
      attempts: (prev?.attempts ?? 0) + 1,
    };
    const others = this.#entries.filter((e) => e !== prev);
    if (others.length >= MAX_ENTRIES) {
      this.#log.error(
        'spool.full',
        `The escrow spool holds ${MAX_ENTRIES} entries; not adding ${entry.keyProtectorId}.`,
      );
      return;
    }
    this.#entries = [...others, next];
    await this.#save();
  }

  async remove(volumeId: string, keyProtectorId: string): Promise<void> {
    const prev = this.#find(volumeId, keyProtectorId);
    if (!prev) return;
    this.#entries = this.#entries.filter((e) => e !== prev);
    await this.#save();
  }

  #find(volumeId: string, keyProtectorId: string): SpoolEntry | undefined {
    return this.#entries.find((e) => e.volumeId === volumeId && e.keyProtectorId === keyProtectorId);
  }

  async #save(): Promise<void> {
    await this.#store.write(NAME, { version: 1, entries: this.#entries });
  }
}
