// Builders for end-to-end tests: a simulated machine under MBAM policy, its agent with in-memory state and
// a fake clock, and a log kept in memory (checked for secrets by the tests).
import { startTestServer, type TestServer } from '@openmbam/server/test-support/server';
import { Agent, type AgentOptions } from '../service/agent';
import { memoryConfigSource } from '../service/config';
import { createLogger, memorySink, type LogEntry } from '../service/log';
import { MemoryStateStore } from '../service/state-store';
import { SimulatedMachine, type SimulatedMachineOptions } from '../platform/simulated/machine';
import { FVE_KEY, MDOP_KEY } from '../policy/registry-names';
import type { RegistryData } from '../platform/platform';

export const MBAM_POLICY: Record<string, Record<string, RegistryData>> = {
  [MDOP_KEY]: {
    UseMBAMServices: 1,
    UseKeyRecoveryService: 1,
    KeyRecoveryOptions: 1,
    ClientWakeupFrequency: 90,
    UseStatusReportingService: 1,
    StatusReportingFrequency: 720,
    ShouldEncryptOSDrive: 1,
    OSDriveProtector: 1,
    ShouldEncryptFixedDataDrive: 1,
    AutoUnlockFixedDataDrive: 2,
  },
  [FVE_KEY]: {
    EncryptionMethodWithXtsOs: 7,
    EncryptionMethodWithXtsFdv: 7,
    RDVConfigureBDE: 1,
    RDVAllowBDE: 1,
  },
};

/**
 * One real server shared by the tests of a `describe` block: started before the first, stopped after the
 * last. `use` receives it once it is up, because mocha runs the block's body before any hook.
 */
export function withTestServer(use: (server: TestServer) => void): void {
  let server: TestServer | undefined;
  before(async () => {
    server = await startTestServer();
    use(server);
  });
  after(async () => {
    await server?.stop();
  });
}

export class FakeClock {
  t = Date.parse('2025-03-01T08:00:00Z');
  readonly now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface TestAgent {
  machine: SimulatedMachine;
  store: MemoryStateStore;
  clock: FakeClock;
  logs: LogEntry[];
  config: ReturnType<typeof memoryConfigSource>;
  agent: Agent;
  /** a new agent process on the same machine and state, as after a crash or reboot */
  restart(overrides?: Partial<AgentOptions>): Agent;
}

export async function testAgent(
  server: TestServer,
  options: { machine?: SimulatedMachineOptions; agent?: Partial<AgentOptions>; token?: string } = {},
): Promise<TestAgent> {
  const clock = new FakeClock();
  const machine = new SimulatedMachine({ registry: MBAM_POLICY, now: () => clock.t, ...options.machine });
  const store = new MemoryStateStore();
  const logs: LogEntry[] = [];
  const log = createLogger({ sinks: [memorySink(logs)], level: 'debug', now: clock.now });
  const config = memoryConfigSource({
    serverUrl: server.url,
    enrollmentToken: options.token ?? (await server.createEnrollmentToken({ uses: 1 })),
    stateDirectory: '/var/lib/openmbam-test',
  });
  const build = (overrides: Partial<AgentOptions> = {}) =>
    new Agent({
      platform: machine,
      store,
      config,
      log,
      now: clock.now,
      random: () => 0.5,
      ...options.agent,
      ...overrides,
    });
  return { machine, store, clock, logs, config, agent: build(), restart: build };
}

/** Everything logged, as one text, for "no secret in the logs" checks. */
export const logText = (logs: readonly LogEntry[]): string => logs.map((l) => JSON.stringify(l)).join('\n');
