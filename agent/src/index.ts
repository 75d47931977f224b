// @openmbam/agent: the MBAM Client of OpenMBAM. The service entry is `service/main.ts`; tests, the fleet
// simulator and the benchmarks use what is exported here.
export { Agent, type AgentOptions, type CycleResult, type CycleOutcome } from './service/agent';
export { runLoop } from './service/loop';
export { runAgentService } from './service/main';
export {
  fileConfigSource,
  memoryConfigSource,
  checkConfig,
  AgentConfig,
  type ConfigSource,
} from './service/config';
export { FileStateStore, MemoryStateStore, type StateStore } from './service/state-store';
export {
  createLogger,
  fileSink,
  consoleSink,
  memorySink,
  nullLogger,
  type Logger,
  type LogEntry,
} from './service/log';
export { noProtection, type SecretProtector } from './service/device-key';
export { InjectedCrash } from './service/context';
export type { Platform, Volume, TpmState, MachineIdentity, LoggedOnUser } from './platform/platform';
export { SimulatedMachine, type SimulatedMachineOptions } from './platform/simulated/machine';
export { WindowsPlatform } from './platform/windows/windows-platform';
export { dpapiProtector } from './platform/windows/dpapi';
export { eventLogSink } from './platform/windows/event-log';
export { effectivePolicy, type EffectivePolicy } from './policy/effective-policy';
export { evaluateVolume, Reason } from './policy/compliance';
export { ServerClient } from './client/server-client';
export { runFleet, type FleetOptions, type FleetSummary } from './simulator/fleet';
export { registerSimulateCommand, SimulateUsageError } from './simulator/cli';
export * from './errors';
