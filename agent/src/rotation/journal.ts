// The rotation journal: one entry per disclosed protector being replaced, saved after every step, so a
// crash between two steps resumes at the next one. `before` lists the volume's protectors when rotation
// started: a protector added by a run that crashed before recording it is found (and adopted) by
// comparing against it, instead of adding yet another one.
import { Type, type Static } from '@sinclair/typebox';
import type { Logger } from '../service/log';
import { readState, type StateStore } from '../service/state-store';

export const RotationStep = Type.Union([
  Type.Literal('started'),
  Type.Literal('added'),
  Type.Literal('escrowed'),
  Type.Literal('deleted'),
]);
export type RotationStep = Static<typeof RotationStep>;

export const JournalEntry = Type.Object({
  oldProtectorId: Type.String(),
  volumeId: Type.String(),
  step: RotationStep,
  before: Type.Array(Type.String()),
  newProtectorId: Type.Optional(Type.String()),
  startedAt: Type.String(),
});
export type JournalEntry = Static<typeof JournalEntry>;

const JournalDocument = Type.Object({ version: Type.Literal(1), entries: Type.Array(JournalEntry) });
const NAME = 'rotation-journal';

export class RotationJournal {
  readonly #store: StateStore;
  #entries: JournalEntry[];

  private constructor(store: StateStore, entries: JournalEntry[]) {
    this.#store = store;
    this.#entries = entries;
  }

  /**
   * A lost or unreadable journal is safe: rotations start again, the old protector is deleted only after a
   * new one is escrowed, and any protector a crashed run added is escrowed by reconciliation.
   */
  static async load(store: StateStore, log: Logger): Promise<RotationJournal> {
    const doc = await readState(store, NAME, JournalDocument, (p) => log.error('state.corrupt', p));
    return new RotationJournal(store, doc?.entries ?? []);
  }

  list(): readonly JournalEntry[] {
    return this.#entries;
  }

  get(oldProtectorId: string): JournalEntry | undefined {
    return this.#entries.find((e) => e.oldProtectorId === oldProtectorId);
  }

  async save(entry: JournalEntry): Promise<void> {
    this.#entries = [...this.#entries.filter((e) => e.oldProtectorId !== entry.oldProtectorId), entry];
    await this.#store.write(NAME, { version: 1, entries: this.#entries });
  }

  async remove(oldProtectorId: string): Promise<void> {
    this.#entries = this.#entries.filter((e) => e.oldProtectorId !== oldProtectorId);
    await this.#store.write(NAME, { version: 1, entries: this.#entries });
  }
}
