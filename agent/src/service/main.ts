// The Windows service entry (the installer registers `node --import tsx agent/src/service/main.ts
// --config <path>` as the service): wires the Windows platform, the state directory, DPAPI, the log file
// and the event log to the agent and runs the loop until the service is stopped.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Agent } from './agent';
import { fileConfigSource } from './config';
import { noProtection } from './device-key';
import { consoleSink, createLogger, fileSink, type LogSink } from './log';
import { runLoop } from './loop';
import { FileStateStore } from './state-store';
import { WindowsPlatform } from '../platform/windows/windows-platform';
import { dpapiProtector } from '../platform/windows/dpapi';
import { eventLogSink } from '../platform/windows/event-log';
import { readPolicyValues } from '../policy/read-values';
import { effectivePolicy } from '../policy/effective-policy';
import { AgentUserError, describeError } from '../errors';

export async function runAgentService(configPath: string, signal: AbortSignal): Promise<void> {
  const source = fileConfigSource(configPath);
  const config = await source.load();
  const windows = process.platform === 'win32';
  const sinks: LogSink[] = [
    fileSink(config.logFile ?? join(config.stateDirectory, 'agent.log')),
    consoleSink(),
  ];
  if (windows) sinks.push(eventLogSink());
  const log = createLogger({ sinks, level: config.logLevel ?? 'info' });
  const platform = new WindowsPlatform({ onProblem: (p) => log.warn('platform.unreadable', p) });
  const agent = new Agent({
    platform,
    store: new FileStateStore(config.stateDirectory),
    config: source,
    protector: windows ? dpapiProtector() : noProtection,
    log,
  });
  const noStartupDelay = await readPolicyValues(platform).then(
    (r) => effectivePolicy(r.values).noStartupDelay,
    () => false,
  );
  await runLoop({ agent, log, signal, noStartupDelay });
}

export async function main(argv: readonly string[]): Promise<number> {
  const i = argv.indexOf('--config');
  const path = i >= 0 ? argv[i + 1] : undefined;
  if (!path) {
    process.stderr.write('usage: main.ts --config C:\\ProgramData\\OpenMBAM\\agent.json\n');
    return 2;
  }
  const controller = new AbortController();
  for (const s of ['SIGTERM', 'SIGINT', 'SIGBREAK'] as const) process.on(s, () => controller.abort());
  try {
    await runAgentService(path, controller.signal);
    return 0;
  } catch (err) {
    process.stderr.write(`${err instanceof AgentUserError ? err.message : describeError(err)}\n`);
    return err instanceof AgentUserError ? err.exitCode : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = await main(process.argv.slice(2));
