// Generative bad input for the configuration: seeded mutations of a valid config file (values of the
// wrong kind, unknown and missing fields, broken bytes) and of OPENMBAM_* variables, loaded through
// `openmbam device list` in-process on a data directory. Whatever arrives, the command runs or is
// refused with exit 2 naming the setting; never exit 1, never a planted secret in the output, and a
// refusal changes no file and no row.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { runInProcess } from '../cli/bad-input-fuzz/run-in-process';
import { snapshot } from '../cli/bad-input-fuzz/snapshot';
import { WEIRD_VALUES } from '../cli/bad-input-fuzz/argv-mutations';
import { type Json, pathsOf, valueAt, withValue } from '../test-support/json-tree';
import { type Rng, prng } from '../test-support/seeded-random';
import { ENVIRONMENT } from './environment';

const SEED = Number(process.env.OPENMBAM_FUZZ_SEED ?? 20261129);
const MUTATIONS = 150 * Number(process.env.OPENMBAM_FUZZ_SCALE ?? 1);
const CLIENT_SECRET = 'planted-oidc-client-secret-9e4d71';
const DB_PASSWORD = 'planted-db-password-5a0c33';

const WEIRD_JSON: Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  2 ** 53 + 1,
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'é'.repeat(300),
  'A'.repeat(5000),
  'ftp://x',
  'https://',
  'https://exa mple',
  'not a host',
  '../../etc/passwd',
  [],
  {},
  [CLIENT_SECRET],
  { clientSecret: CLIENT_SECRET },
];
const EXTRA_KEYS = ['prot', '__proto__', 'constructor', '', 'k'.repeat(300)];

describe('configuration: generative bad input', function () {
  this.timeout(120_000);
  const root = mkdtempSync(join(tmpdir(), 'openmbam-config-fuzz-'));
  const cwd = join(root, 'a', 'b', 'c');
  const dataDir = join(root, 'data');
  const configFile = join(root, 'config.json');
  const valid: Json = {
    dataDir,
    host: '127.0.0.1',
    port: 8443,
    publicUrl: 'https://openmbam.example.test',
    trustProxy: '10.0.0.0/8',
    logLevel: 'silent',
    sessions: { idleTimeoutSeconds: 900 },
    oidc: { issuer: 'https://login.example.test', clientId: 'openmbam', clientSecret: CLIENT_SECRET },
    rateLimits: { helpdesk: { perUser: 60, perAddress: 300, windowSeconds: 3600 } },
    upnDomains: { 'contoso.com': 'CONTOSO' },
  };
  let originalCwd: string;

  before(async () => {
    originalCwd = process.cwd();
    mkdirSync(cwd, { recursive: true });
    process.chdir(cwd);
    writeFileSync(configFile, JSON.stringify(valid));
    const first = await runInProcess(['migrate', '--config', configFile], {});
    expect(first.code, first.stderr).to.equal(0);
  });
  after(() => {
    process.chdir(originalCwd);
    rmSync(root, { recursive: true, force: true });
  });

  function mutateFile(rng: Rng): { what: string; bytes: Buffer } {
    const paths = pathsOf(valid).filter((p) => p.length > 0);
    const json = (what: string, value: Json) => ({ what, bytes: Buffer.from(JSON.stringify(value)) });
    switch (rng.int(6)) {
      case 0:
      case 1: {
        const path = rng.pick(paths);
        const value = rng.pick(WEIRD_JSON);
        return json(
          `${path.join('.')} = ${JSON.stringify(value).slice(0, 50)}`,
          withValue(valid, path, value),
        );
      }
      case 2: {
        const path = rng.pick(paths);
        return json(`${path.join('.')} removed`, withValue(valid, path, undefined));
      }
      case 3: {
        const objects = [[], ...paths].filter((p) => {
          const node = valueAt(valid, p);
          return node !== null && typeof node === 'object' && !Array.isArray(node);
        });
        const path = rng.pick(objects);
        const key = rng.pick(EXTRA_KEYS);
        return json(
          `extra "${key.slice(0, 20)}" at ${path.join('.') || 'top'}`,
          withValue(valid, [...path, key], 1),
        );
      }
      case 4: {
        if (rng.int(2) === 0) {
          const db = rng.pick(['recovery', 'compliance']);
          const value = rng.pick([
            `postgres://u:${DB_PASSWORD}@`,
            `postgres://u:${DB_PASSWORD}@127.0.0.1:1/x`,
            `mssql://u:${DB_PASSWORD}@/`,
            `mssql://u:${encodeURIComponent(DB_PASSWORD)}@sql01`,
            `ftp://u:${DB_PASSWORD}@h/x`,
            ` `,
          ]);
          return json(`databases.${db} = ${value}`, withValue(valid, ['databases', db], value));
        }
        const text = Buffer.from(JSON.stringify(valid));
        const cut = rng.int(text.length);
        return { what: `cut at byte ${cut}`, bytes: text.subarray(0, cut) };
      }
      default: {
        const text = Buffer.from(JSON.stringify(valid));
        const at = rng.int(text.length);
        const bytes = Buffer.concat([
          text.subarray(0, at),
          Buffer.from([rng.pick([0x00, 0xff, 0xc3, 0x80])]),
          text.subarray(at),
        ]);
        return { what: `byte inserted at ${at}`, bytes };
      }
    }
  }

  it('a mutated config file is loaded or refused naming the setting, with no secret shown and nothing written', async () => {
    const rng = prng(SEED);
    let before = snapshot(dataDir);
    for (let i = 0; i < MUTATIONS; i++) {
      const mutation = mutateFile(rng);
      writeFileSync(configFile, mutation.bytes);
      const run = await runInProcess(['device', 'list', '--config', configFile], {});
      const where = `seed ${SEED} (OPENMBAM_FUZZ_SEED), config case ${i}, ${mutation.what}\nstderr: ${run.stderr.slice(0, 2000)}`;
      check(run, where);
      const after = snapshot(dataDir);
      if (run.code === 0) before = after;
      else expect(after, where).to.deep.equal(before);
    }
  });

  it('mutated OPENMBAM_* variables are used or refused naming the variable, with no secret shown and nothing written', async () => {
    const rng = prng(SEED + 1);
    const names = Object.keys(ENVIRONMENT).filter((n) => n !== 'OPENMBAM_DATA_DIR');
    writeFileSync(configFile, JSON.stringify(valid));
    let before = snapshot(dataDir);
    for (let i = 0; i < MUTATIONS; i++) {
      const name = rng.pick(names);
      // a password is a secret where it belongs: in a database's connection string
      const extra = name.endsWith('_DB')
        ? `postgres://u:${DB_PASSWORD}@127.0.0.1:1/x`
        : 'https://kv.example.test';
      const value = rng.pick([...WEIRD_VALUES, extra]);
      const run = await runInProcess(['device', 'list', '--config', configFile], {
        OPENMBAM_LOG_LEVEL: 'silent',
        [name]: value,
      });
      const where = `seed ${SEED + 1} (OPENMBAM_FUZZ_SEED + 1), environment case ${i}: ${name}=${JSON.stringify(value.slice(0, 60))}\nstderr: ${run.stderr.slice(0, 2000)}`;
      check(run, where);
      const after = snapshot(dataDir);
      if (run.code === 0) {
        before = after;
        continue;
      }
      expect(after, where).to.deep.equal(before);
      // the variable, or the setting it sets (the schema's messages then say which variable set it);
      // the key file's own checks (secrets/) say "key file" and show its path
      const setting = ENVIRONMENT[name]!.path.slice(1).replaceAll('/', '.');
      const named = [name, setting, ...(name === 'OPENMBAM_KEY_FILE' ? ['key file'] : [])];
      expect(run.stderr, where).to.satisfy((e: string) => named.some((n) => e.includes(n)));
    }
  });

  function check(run: { code: number; stdout: string; stderr: string }, where: string): void {
    expect(run.code, where).to.be.oneOf([0, 2]);
    expect(run.stderr, where).not.to.include('please report it');
    for (const secret of [CLIENT_SECRET, DB_PASSWORD])
      expect(run.stdout + run.stderr, where).not.to.include(secret);
    if (run.code === 2) expect(run.stderr, where).to.match(/^openmbam: \S/);
  }
});
