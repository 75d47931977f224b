// Runs one `openmbam …` command line in this process, as `main` would but without exiting: its exit
// code, everything it wrote to stdout and stderr, with the environment given for that run only.
// `serve` is replaced by its checks (configuration, TLS files, the address), so no server starts.
import type { Command } from 'commander';
import { buildProgram, runCli } from '../main';
import { configFrom, type DataOptions } from '../options';
import { checkBeforeServing } from '../commands/serve-preflight';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function dryServe(program: Command): Command {
  const serve = program.commands.find((c) => c.name() === 'serve')!;
  serve.action(async (opts: DataOptions & { port?: string; host?: string }) => {
    await checkBeforeServing(configFrom(opts));
  });
  return program;
}

export async function runInProcess(args: string[], env: Record<string, string>): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const { stdout, stderr } = process;
  const [writeOut, writeErr] = [stdout.write.bind(stdout), stderr.write.bind(stderr)];
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const savedExitCode = process.exitCode;
  Object.assign(process.env, env);
  stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof stdout.write;
  stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as typeof stderr.write;
  try {
    const code = await runCli(['node', 'openmbam', ...args], dryServe(buildProgram()), (t) => err.push(t));
    const exitCode = code ?? (typeof process.exitCode === 'number' ? process.exitCode : 0);
    return { code: exitCode, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.write = writeOut;
    stderr.write = writeErr;
    process.exitCode = savedExitCode;
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
