// One wake-up of the agent, MBAM's cycle: read policy, enroll if needed, deliver the escrow spool, resume
// rotations, escrow and reconcile recovery passwords, enforce policy volume by volume, report status and
// rotate the protectors the server names. Every failure is logged with its cause and ends at most the
// step it happened in; the cycle result tells the service loop when to wake next.
import { ServerClient, type RequestObserver } from '../client/server-client';
import { describeError } from '../errors';
import { deliverSpool, reconcile } from '../escrow/reconcile';
import { Spool } from '../escrow/spool';
import type { Platform } from '../platform/platform';
import { readPolicyValues } from '../policy/read-values';
import { effectivePolicy, type EffectivePolicy } from '../policy/effective-policy';
import { RotationJournal } from '../rotation/journal';
import { rotateProtector } from '../rotation/rotate';
import { loadAgentState, saveAgentState, type AgentState } from './agent-state';
import type { ConfigSource } from './config';
import {
  InjectedCrash,
  protectorKey,
  volumeOfProtectorKey,
  type CycleContext,
  type FaultHook,
} from './context';
import {
  credentialsOf,
  loadOrCreateDeviceKey,
  noProtection,
  type DeviceKey,
  type SecretProtector,
} from './device-key';
import { enroll } from './enrollment';
import { nullLogger, type Logger } from './log';
import { evaluateAndEnforce } from './enforce-volumes';
import { sendStatus } from './send-status';
import type { StateStore } from './state-store';

export type CycleOutcome = 'ok' | 'offline' | 'unmanaged' | 'unenrolled' | 'revoked' | 'failed';

export interface CycleResult {
  readonly outcome: CycleOutcome;
  /** when the next cycle should run, before jitter and backoff */
  readonly nextWakeMs: number;
  readonly statusSent: boolean;
  readonly rotated: readonly string[];
}

export interface AgentOptions {
  readonly platform: Platform;
  readonly store: StateStore;
  readonly config: ConfigSource;
  readonly protector?: SecretProtector;
  readonly log?: Logger;
  readonly now?: () => Date;
  readonly fetch?: typeof fetch;
  readonly observe?: RequestObserver;
  readonly random?: () => number;
  readonly fault?: FaultHook;
}

const MINUTE = 60_000;

export class Agent {
  readonly #o: AgentOptions;
  readonly #log: Logger;
  readonly #now: () => Date;
  #afterStart = true;
  /** Unsealing the key is a DPAPI PowerShell call on Windows; the key does not change while the process runs. */
  #key: DeviceKey | undefined;

  constructor(options: AgentOptions) {
    this.#o = options;
    this.#log = options.log ?? nullLogger;
    this.#now = options.now ?? (() => new Date());
  }

  async runCycle(options: { forceStatus?: boolean } = {}): Promise<CycleResult> {
    let policy: EffectivePolicy | undefined;
    try {
      const read = await readPolicyValues(this.#o.platform);
      read.problems.forEach((p) => this.#log.warn('policy.invalid', p));
      policy = effectivePolicy(read.values);
      if (!policy.managed) {
        this.#log.info(
          'policy.unmanaged',
          'MBAM services are not configured by policy (UseMBAMServices); the agent waits for policy.',
        );
        return result('unmanaged', policy.wakeupMinutes * MINUTE);
      }
      return await this.#managedCycle(policy, options.forceStatus ?? false);
    } catch (err) {
      if (err instanceof InjectedCrash) throw err;
      this.#log.error('cycle.failed', `The cycle stopped: ${describeError(err)}`);
      return result('failed', (policy?.wakeupMinutes ?? 90) * MINUTE);
    } finally {
      this.#afterStart = false;
    }
  }

  async #managedCycle(policy: EffectivePolicy, forceStatus: boolean): Promise<CycleResult> {
    const o = this.#o;
    const log = this.#log;
    const config = await o.config.load();
    // Device proofs carry the real time (the server checks it); `now` drives only scheduling and bookkeeping.
    const client = new ServerClient({ baseUrl: config.serverUrl, fetch: o.fetch, observe: o.observe });
    this.#key ??= await loadOrCreateDeviceKey(o.store, o.protector ?? noProtection, log);
    if (!this.#key.deviceId) {
      const enrolled = await enroll({
        platform: o.platform,
        client,
        config: o.config,
        enrollmentToken: config.enrollmentToken,
        store: o.store,
        log,
        key: this.#key,
      });
      if (!enrolled.ok) return result(enrolled.outcome, policy.wakeupMinutes * MINUTE);
      this.#key = { ...this.#key, deviceId: enrolled.deviceId };
    }
    const device = credentialsOf(this.#key);
    if (!device) return result('unenrolled', policy.wakeupMinutes * MINUTE);

    const state = await loadAgentState(o.store, log);
    const ctx: CycleContext = {
      platform: o.platform,
      store: o.store,
      client,
      log,
      now: this.#now,
      device,
      policy,
      spool: await Spool.load(o.store, log),
      escrowed: new Set(),
      offline: false,
      revoked: false,
      fault: o.fault ?? (() => {}),
    };
    const journal = await RotationJournal.load(o.store, log);
    const known = new Set(state.knownEscrowed);
    const now = this.#now();
    const statusDue = forceStatus || !state.nextStatusAt || now.getTime() >= Date.parse(state.nextStatusAt);

    const volumes = await o.platform.getVolumes();
    await deliverSpool(ctx, volumes);
    const rotated: string[] = [];
    const unfinished = journal.list();
    for (const entry of unfinished) await this.#rotate(ctx, journal, entry.oldProtectorId, known, rotated);
    // a resumed rotation may have added and deleted protectors: reconcile what is on the disks now
    await reconcile(ctx, unfinished.length > 0 ? await o.platform.getVolumes() : volumes, known, statusDue);
    const { tpm } = await evaluateAndEnforce(ctx, state, this.#afterStart);

    const status = await sendStatus(ctx, state, { statusDue, tpm, random: o.random ?? Math.random });
    for (const id of status.rotate)
      if (!rotated.includes(id)) await this.#rotate(ctx, journal, id, known, rotated);

    await this.#save(state, ctx, known);
    const outcome = ctx.revoked ? 'revoked' : ctx.offline ? 'offline' : 'ok';
    const untilStatus = state.nextStatusAt ? Date.parse(state.nextStatusAt) - now.getTime() : 0;
    return {
      outcome,
      nextWakeMs: Math.max(MINUTE, Math.min(policy.wakeupMinutes * MINUTE, untilStatus)),
      statusSent: status.sent,
      rotated,
    };
  }

  async #rotate(
    ctx: CycleContext,
    journal: RotationJournal,
    id: string,
    known: ReadonlySet<string>,
    rotated: string[],
  ): Promise<void> {
    try {
      if ((await rotateProtector(ctx, journal, id, known)) === 'done') rotated.push(id);
    } catch (err) {
      if (err instanceof InjectedCrash) throw err;
      this.#log.error(
        'rotation.failed',
        `Rotation of ${id} stopped and resumes next cycle: ${describeError(err)}`,
      );
    }
  }

  /** Confirmed protectors: this cycle's confirmations, plus earlier ones still on a volume (or on a drive not present now). */
  async #save(state: AgentState, ctx: CycleContext, known: ReadonlySet<string>): Promise<void> {
    const volumes = await ctx.platform.getVolumes().catch(() => undefined);
    const present = new Set(
      volumes?.flatMap((v) => v.keyProtectors.map((p) => protectorKey(v.volumeId, p.id))) ?? known,
    );
    const volumeIds = new Set(volumes?.filter((v) => !v.locked).map((v) => v.volumeId) ?? []);
    const kept = [...known].filter((k) => present.has(k) || !volumeIds.has(volumeOfProtectorKey(k)));
    state.knownEscrowed = [...new Set([...kept, ...ctx.escrowed])];
    await saveAgentState(ctx.store, state);
  }
}

const result = (outcome: CycleOutcome, nextWakeMs: number): CycleResult => ({
  outcome,
  nextWakeMs,
  statusSent: false,
  rotated: [],
});
