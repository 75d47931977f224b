// Generative bad input for every Windows output parser: seeded mutations of the recorded outputs in
// ./fixtures (wrong JSON types, null, missing and extra fields, huge and negative numbers, NaN-like and
// prototype-named strings, one-element arrays unwrapped the way ConvertTo-Json does, nested arrays, long
// strings, recovery passwords inside strings, keys and non-JSON text, truncated text, failed runs).
// Whatever arrives, each parser returns a value that keeps its promise or throws a PlatformError with a
// short message, within a second, and no error (nor its causes, nor a "problem" line) repeats a secret of
// the input. The hand-picked cases with their exact messages are in parse-volumes.test.ts and
// parse-machine.test.ts. Reproduce a failure with OPENMBAM_FUZZ_SEED (and OPENMBAM_FUZZ_SCALE).
import { readFileSync, readdirSync } from 'node:fs';
import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { type Json, pathsOf, valueAt, withValue } from '@openmbam/server/test-support/json-tree';
import { type Rng, prng } from '@openmbam/server/test-support/seeded-random';
import {
  ConversionStatus,
  DriveType,
  EncryptionMethod,
  KeyProtectorType,
  ProtectionStatus,
} from '@openmbam/server/protocol';
import { PlatformError, describeError } from '../../errors';
import { checkOutput } from './check-output';
import { parseMachine } from './parse-machine';
import { parseMethodResult, parseOwnerAuth } from './parse-method-result';
import { parseRegistry } from './parse-registry';
import { parseTpm } from './parse-tpm';
import { parseUsers } from './parse-users';
import { parseKeyProtector, parseVolume, parseVolumes } from './parse-volumes';
import { runJson, type PowerShellResult } from './powershell';
import * as schemas from './wmi-schemas';

const SEED = Number(process.env.OPENMBAM_FUZZ_SEED ?? 20261129);
// OPENMBAM_FUZZ_SCALE=10 makes a ten times longer run (as in every *.fuzz.test.ts)
const MUTATIONS_PER_PARSER = 300 * Number(process.env.OPENMBAM_FUZZ_SCALE ?? 1);
const TIME_LIMIT_MS = 1000;
/** Room for three schema problems and the hint; an echo of a long input must be cut well below this. */
const MAX_MESSAGE = 1000;

const seedFor = (name: string) => [...name].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), SEED);

// ---- the recorded outputs and the secrets in them ----

const fixtureDir = new URL('./fixtures/', import.meta.url);
const fixtureText = (name: string) => readFileSync(new URL(name, fixtureDir), 'utf8');
const fixtureNames = readdirSync(fixtureDir).filter((n) => n !== 'README.md');
const fixture = (name: string) => JSON.parse(fixtureText(name).replace(/^\uFEFF/, '')) as Json;
const named = (prefix: string) => fixtureNames.filter((n) => n.startsWith(prefix) && n.endsWith('.json'));

const RECOVERY_PASSWORD = /\d{6}(?:-\d{6}){7}/g;
/** A valid recovery password from the seed: 8 groups, each 11 × a 16-bit number. */
const generatedPassword = (rng: Rng) =>
  Array.from({ length: 8 }, () => String(11 * rng.int(65536)).padStart(6, '0')).join('-');
const RECORDED_PASSWORDS = [
  ...new Set(fixtureNames.flatMap((n) => fixtureText(n).match(RECOVERY_PASSWORD) ?? [])),
];
const GENERATED_PASSWORDS = [prng(SEED), prng(SEED + 1)].map(generatedPassword);
const PASSWORDS = [...RECORDED_PASSWORDS, ...GENERATED_PASSWORDS];
/** Win32_Tpm.GetOwnerAuth (base64 of 20 bytes) and a GetKeyPackage answer: only ever in secret answers. */
const OWNER_AUTH = Buffer.from(Array.from({ length: 20 }, (_, i) => (i * 37 + 11) & 0xff)).toString('base64');
const KEY_PACKAGE = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 101 + 7) & 0xff)).toString(
  'base64',
);
const SECRETS = [...PASSWORDS, OWNER_AUTH, KEY_PACKAGE];

/**
 * Which secret `text` gives away, if any: two consecutive groups of a recovery password (with or
 * without the hyphen), or 16 characters of a base64 secret. Shorter pieces carry too few bits to count.
 */
function leakedSecret(text: string): string | undefined {
  return SECRETS.find((secret) => {
    const groups = secret.split('-');
    if (groups.length === 8)
      return groups
        .slice(1)
        .some((g, i) => text.includes(`${groups[i]}-${g}`) || text.includes(`${groups[i]}${g}`));
    return Array.from({ length: secret.length - 15 }, (_, i) => secret.slice(i, i + 16)).some((w) =>
      text.includes(w),
    );
  });
}

// ---- mutations of a parsed output ----

const nested = (depth: number): Json => {
  let v: Json = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};
const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
];
// prettier-ignore
const WEIRD: readonly Json[] = [
  null, true, false, 0, -1, -0, 0.5, -2147483648, 2147483648, 4294967295, 4294967296, 2 ** 53, 2 ** 53 + 2,
  1e308, -1e308, 5e-324,
  '', ' ', 'NaN', 'Infinity', '-Infinity', 'null', 'undefined', 'true', 'True', '1', '01', ' 1', '1e3', '0x1',
  '-1', '4294967295', '99999999999999999999', '\u0000', '\ud800', '\u202eevil', '{}', 'é'.repeat(300),
  ...PROTOTYPE_NAMES, 'length',
  [], {}, [null], [[]], [{}], nested(20), JSON.parse('{"__proto__": {"polluted": true}}') as Json,
];
const EXTRA_KEYS = ['extra', '__proto__', 'constructor', 'prototype', 'toString', '', 'k'.repeat(5000)];

/** Strings that carry a secret the way a broken script or an echoing error would. */
function secretText(rng: Rng, secretAnswer: boolean): string {
  const pw = rng.pick(PASSWORDS);
  const forms = [
    pw,
    pw.replace(/-/g, ''),
    `{${pw}}`,
    `\\\\?\\Volume{${pw}}\\`,
    `ERROR: The recovery password ${pw} is not valid.`,
    `${'x'.repeat(rng.int(120))}${pw}`,
    `${pw} `.repeat(3),
  ];
  return rng.pick(secretAnswer ? [...forms, OWNER_AUTH, KEY_PACKAGE, `AuthValue ${OWNER_AUTH}`] : forms);
}

/** The JSON text of `v`, or undefined for one nested too deeply to print (as PowerShell never would). */
const jsonText = (v: Json, space?: number): string | undefined => {
  try {
    return JSON.stringify(v, null, space);
  } catch {
    return undefined;
  }
};
const short = (v: Json) => {
  const s = Array.isArray(v) ? `[${v.length} items]` : (jsonText(v) ?? 'too deep');
  return s.length > 40 ? `${s.slice(0, 40)}…(${s.length})` : s;
};

/** JSON has no Infinity or NaN: JSON.parse never hands a parser one. */
const finite = (n: number) =>
  Number.isNaN(n) ? 0 : Math.max(-Number.MAX_VALUE, Math.min(n, Number.MAX_VALUE));

/** One seeded change of `root`; the note says what, for the assertion message. */
function mutate(rng: Rng, root: Json, secretAnswer: boolean): { value: Json; note: string } {
  const path = rng.pick(pathsOf(root));
  const here = valueAt(root, path);
  const where = `/${path.join('/')}`;
  const put = (v: Json, what: string) => ({ value: withValue(root, path, v), note: `${where} ${what}` });
  switch (rng.int(12)) {
    case 0:
    case 1: {
      const w = rng.pick(WEIRD);
      return put(w, `= ${short(w)}`);
    }
    case 2:
      return { value: withValue(root, path, undefined), note: `${where} removed` };
    case 3: {
      const objects = pathsOf(root).filter((p) => {
        const v = valueAt(root, p);
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      });
      if (objects.length === 0) return put([], '= []');
      const p = rng.pick(objects);
      // JSON.parse makes "__proto__" an own key: code that copies keys by assignment loses it
      const key = rng.pick([secretText(rng, secretAnswer), '__proto__', rng.pick(EXTRA_KEYS)]);
      const v = rng.int(2) === 0 ? secretText(rng, secretAnswer) : rng.pick(WEIRD);
      const obj = valueAt(root, p) as Record<string, Json>;
      return {
        value: withValue(root, p, Object.fromEntries([...Object.entries(obj), [key, v]])),
        note: `/${p.join('/')} + extra ${short(key)}: ${short(v)}`,
      };
    }
    case 4:
    case 5: {
      const s = secretText(rng, secretAnswer);
      return put(
        typeof here === 'string' && rng.int(2) === 0 ? `${here} ${s}` : s,
        `= a string with a secret`,
      );
    }
    case 6:
      // ConvertTo-Json prints a one-element array as the element; the reverse and the empty list happen too
      if (Array.isArray(here))
        return here.length === 1
          ? put(here[0] ?? null, 'unwrapped')
          : put(rng.int(2) ? [] : (here[0] ?? null), 'one of many');
      return put(rng.int(2) ? [here] : [], rng.int(2) ? 'wrapped in an array' : '= []');
    case 7:
      return put(rng.int(4) ? [[here]] : nested(20_000), 'nested in arrays');
    case 8:
      if (typeof here === 'number')
        return put(
          rng.pick([String(here), `${here} `, finite(here * 1e300), -here - 1, here + 0.5, here + 2 ** 32]),
          'number changed',
        );
      if (typeof here === 'string')
        return put(finite(Number(here)) || rng.pick([0, -1, 1e21]), 'string as number');
      return put(rng.pick(['True', 1, '', {}]), 'as another type');
    case 9: {
      const long = rng.pick([
        'A'.repeat(200_000),
        '9'.repeat(100_000),
        `${rng.pick(PASSWORDS)} `.repeat(5000),
        'x'.repeat(4_000_000),
      ]);
      return put(long, `= a ${long.length}-character string`);
    }
    case 10: {
      // enum names are looked up in tables: a name that Object.prototype has must not be found there
      const name = rng.pick(PROTOTYPE_NAMES);
      return put(name, `= ${name}`);
    }
    default: {
      // sized like a real answer (runJson's buffer is 16 MB): a copied subtree stays small
      const item = (jsonText(here)?.length ?? Infinity) <= 2000 ? here : rng.pick(WEIRD.slice(0, 20));
      return put(
        Array.from({ length: 5000 }, () => item),
        `= 5,000 copies of ${short(item)}`,
      );
    }
  }
}

// ---- what each parser promises ----

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const strict = { additionalProperties: false };
const GUID = '\\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\\}';
const ProtectorResult = Type.Object(
  { id: Type.String({ pattern: `^(BitLocker|${GUID})$` }), type: KeyProtectorType },
  strict,
);
const VolumeResult = Type.Object(
  {
    volumeId: Type.String({ pattern: `^${GUID}$` }),
    mountPoint: Type.String({ minLength: 1 }),
    driveType: DriveType,
    locked: Type.Boolean(),
    conversionStatus: Nullable(ConversionStatus),
    encryptionPercentage: Nullable(Type.Number({ minimum: 0, maximum: 100 })),
    encryptionMethod: EncryptionMethod,
    protectionStatus: ProtectionStatus,
    autoUnlockEnabled: Nullable(Type.Boolean()),
    keyProtectors: Type.Array(ProtectorResult),
  },
  strict,
);
const Problems = Type.Array(Type.String({ minLength: 1 }));
const VolumesResult = Type.Object({ volumes: Type.Array(VolumeResult), problems: Problems }, strict);
const TpmResult = Type.Object(
  {
    present: Type.Boolean(),
    enabled: Type.Boolean(),
    activated: Type.Boolean(),
    owned: Type.Boolean(),
    version: Type.Optional(Type.String({ minLength: 1 })),
    manufacturer: Type.Optional(Type.String({ pattern: '^[\\x20-\\x7e]{1,4}$' })),
  },
  strict,
);
const MachineResult = Type.Object(
  {
    computerName: Type.String({ minLength: 1 }),
    domain: Type.String(),
    fqdn: Type.String({ minLength: 1 }),
    osVersion: Type.String({ minLength: 1 }),
    manufacturer: Type.String(),
    model: Type.String(),
  },
  strict,
);
const UserResult = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    session: Type.Union([Type.Literal('console'), Type.Literal('remote')]),
    exempt: Type.Boolean(),
  },
  strict,
);
const RegistryData = Type.Union([Type.Number(), Type.String(), Type.Array(Type.String())]);
const RegistryResult = Type.Object(
  {
    keys: Type.Record(Type.String(), Nullable(Type.Record(Type.String(), RegistryData))),
    problems: Problems,
  },
  strict,
);

const schemaProblem = (schema: TSchema, value: unknown) => {
  const e = Value.Errors(schema, value).First();
  return e && `${e.path} ${e.message}`;
};

function volumeProblem(v: unknown): string | undefined {
  const p = schemaProblem(VolumeResult, v);
  if (p) return p;
  const { locked, conversionStatus, encryptionPercentage } = v as {
    locked: boolean;
    conversionStatus: unknown;
    encryptionPercentage: unknown;
  };
  if (locked && (conversionStatus !== null || encryptionPercentage !== null))
    return 'a locked volume with a conversion status';
  if (!locked && conversionStatus === null) return 'an unlocked volume without a conversion status';
}

/** For each key asked for: null, or exactly the values of the answer that are not skipped or binary. */
function registryProblem(result: unknown, input: Json, keys: readonly string[]): string | undefined {
  const p = schemaProblem(RegistryResult, result);
  if (p) return p;
  const got = (result as { keys: Record<string, Record<string, unknown> | null> }).keys;
  const answer = (input ?? {}) as Record<string, Json>;
  for (const key of keys) {
    if (!Object.hasOwn(got, key)) return `key ${key} missing`;
    const values =
      (Object.hasOwn(answer, key) ? answer[key] : undefined) ??
      Object.entries(answer).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1] ??
      null;
    const out = got[key];
    if (values === null || out === null || out === undefined) {
      if (values !== out) return `key ${key}: expected ${short(values)}`;
      continue;
    }
    if (Object.getPrototypeOf(out) !== Object.prototype) return `key ${key}: values with a changed prototype`;
    const readable = Object.entries(values as Record<string, Json>).filter(
      ([name, d]) =>
        name !== '' && d !== null && (!Array.isArray(d) || d.every((x) => typeof x === 'string')),
    );
    if (Object.keys(out).length !== readable.length)
      return `key ${key}: ${Object.keys(out).length} values, expected ${readable.length}`;
  }
}

interface Seed {
  readonly label: string;
  readonly value: Json;
  /** the answer may hold a secret the parser hands back (a method's out parameter): never in an error */
  readonly secretAnswer?: boolean;
  readonly parse: (value: Json) => unknown;
  /** what the returned value breaks of the parser's promise, if anything */
  readonly problem: (result: unknown, input: Json) => string | undefined;
  /** the lines of the result that are messages for the log ("problems") */
  readonly messages?: (result: unknown) => readonly string[];
}

const problemsOf = (r: unknown) => (r as { problems?: string[] }).problems ?? [];

const volumesSeeds: Seed[] = [...named('volumes-'), ...named('real-get-')].map((name) => ({
  label: name,
  value: fixture(name),
  parse: parseVolumes,
  problem: (r) =>
    schemaProblem(VolumesResult, r) ?? (r as { volumes: unknown[] }).volumes.map(volumeProblem).find(Boolean),
  messages: problemsOf,
}));
const records = (v: Json): Json[] => (v === null ? [] : Array.isArray(v) ? v : [v]);
const volumeSeeds: Seed[] = volumesSeeds.flatMap((s) =>
  records(s.value).map((value, i) => ({
    label: `${s.label}#${i + 1}`,
    value,
    parse: parseVolume,
    problem: volumeProblem,
  })),
);
// The volume parser calls parseKeyProtector on records it has checked; the fuzz goes through the same check.
const protectorSeeds: Seed[] = volumesSeeds.flatMap((s) =>
  records(s.value).flatMap((v, i) => {
    const rec = v as Record<string, Json>;
    return records(rec['KeyProtectors'] ?? rec['KeyProtector'] ?? null).map((value, j) => ({
      label: `${s.label}#${i + 1}/${j + 1}`,
      value,
      parse: (p: Json) => parseKeyProtector(checkOutput(schemas.KeyProtectorRecord, p, 'read a protector')),
      problem: (r: unknown) => schemaProblem(ProtectorResult, r),
    }));
  }),
);
const simple = (prefix: string, parse: (v: Json) => unknown, schema: TSchema): Seed[] =>
  named(prefix).map((label) => ({
    label,
    value: fixture(label),
    parse,
    problem: (r) => schemaProblem(schema, r),
  }));
const machineSeeds = simple('machine-', parseMachine, MachineResult);
const userSeeds = simple('users-', parseUsers, Type.Array(UserResult)).map((s) => ({
  ...s,
  problem: (r: unknown) => {
    const names = Array.isArray(r) ? r.map((u: { name?: string }) => String(u.name).toLowerCase()) : [];
    return s.problem(r, null) ?? (new Set(names).size === names.length ? undefined : 'a user listed twice');
  },
}));
const tpmSeeds = simple('tpm-', parseTpm, TpmResult).map((s) => ({
  ...s,
  problem: (r: unknown) =>
    s.problem(r, null) ??
    ((r as { present: boolean }).present || Object.values(r as object).every((x) => x === false)
      ? undefined
      : 'an absent TPM with state'),
}));
const registrySeeds: Seed[] = named('registry-').map((label) => {
  const value = fixture(label);
  const keys = [...Object.keys(value as object), 'SOFTWARE\\Microsoft\\Missing'];
  keys.push(keys[0]!.toLowerCase());
  return {
    label,
    value,
    parse: (v: Json) => parseRegistry(v, keys),
    problem: (r: unknown, input: Json) => registryProblem(r, input, keys),
    messages: problemsOf,
  };
});
const methodProblem = (r: unknown) =>
  schemaProblem(schemas.MethodResultRecord, r) ??
  ((r as { ReturnValue: number }).ReturnValue === 0 ? undefined : 'a failure returned');
const methodSeeds: Seed[] = named('method-').map((label) => {
  const secretAnswer = /get-(numerical-password|key-package)/.test(label);
  return {
    label,
    value: fixture(label),
    secretAnswer,
    parse: (v: Json) => parseMethodResult(v, `the call of ${label}`, { secret: secretAnswer }),
    problem: methodProblem,
  };
});
const ownerAuthAnswers: Json[] = [{ ReturnValue: 0, OwnerAuth: OWNER_AUTH }, { OwnerAuth: null }];
const ownerAuthSeeds: Seed[] = ownerAuthAnswers.map((value) => ({
  label: `GetOwnerAuth answer ${short(value)}`,
  value,
  secretAnswer: true,
  parse: parseOwnerAuth,
  problem: (r: unknown) => (r === null || typeof r === 'string' ? undefined : 'neither a string nor null'),
}));
const checkOutputSeeds: Seed[] = Object.entries({
  VolumeRecord: [schemas.VolumeRecord, volumeSeeds],
  KeyProtectorRecord: [schemas.KeyProtectorRecord, protectorSeeds],
  TpmRecord: [schemas.TpmRecord, tpmSeeds],
  MachineRecord: [schemas.MachineRecord, machineSeeds],
  LogonRecord: [
    schemas.LogonRecord,
    userSeeds.flatMap((s) => records(s.value).map((value) => ({ ...s, value }))),
  ],
  RegistryRecord: [schemas.RegistryRecord, registrySeeds],
  MethodResultRecord: [schemas.MethodResultRecord, methodSeeds],
} satisfies Record<string, [TSchema, Seed[]]>).flatMap(([name, [schema, seeds]]) =>
  seeds.map((s) => ({
    label: `${name} from ${s.label}`,
    value: s.value,
    secretAnswer: s.secretAnswer,
    parse: (v: Json) => checkOutput(schema, v, `read a ${name}`, { secret: s.secretAnswer }),
    problem: (r: unknown, input: Json) =>
      r === input && Value.Check(schema, r) ? undefined : 'returned something else than its valid input',
  })),
);

const PARSERS: Record<string, Seed[]> = {
  parseVolumes: volumesSeeds,
  parseVolume: volumeSeeds,
  'parseKeyProtector (after its schema check)': protectorSeeds,
  parseMachine: machineSeeds,
  parseTpm: tpmSeeds,
  parseUsers: userSeeds,
  parseRegistry: registrySeeds,
  parseMethodResult: methodSeeds,
  parseOwnerAuth: ownerAuthSeeds,
  checkOutput: checkOutputSeeds,
};

// ---- the checks ----

/** What is wrong with a thrown value, if anything: a short PlatformError that tells no secret. */
function errorProblem(err: unknown): string | undefined {
  if (!(err instanceof PlatformError)) return `threw ${describeError(err).slice(0, 300)}`;
  if (err.message.trim() === '') return 'an empty message';
  if (err.message.length > MAX_MESSAGE) return `a ${err.message.length}-character message`;
  if (
    err.hresult !== undefined &&
    !(Number.isInteger(err.hresult) && err.hresult > 0 && err.hresult <= 0xffffffff)
  )
    return `hresult ${err.hresult} is not a failing HRESULT`;
  return messageProblem(describeError(err));
}

function messageProblem(message: string): string | undefined {
  const secret = leakedSecret(message);
  if (secret) return `the message gives away the secret ${secret.slice(0, 9)}…: ${message.slice(0, 300)}`;
}

/** What is wrong with one call of a parser on `input`, if anything. */
function verdict(seed: Seed, input: Json): string | undefined {
  const started = performance.now();
  let outcome: { result: unknown } | { error: unknown };
  try {
    outcome = { result: seed.parse(input) };
  } catch (error) {
    outcome = { error };
  }
  const ms = performance.now() - started;
  if (ms > TIME_LIMIT_MS) return `took ${Math.round(ms)} ms`;
  if ('error' in outcome) return errorProblem(outcome.error);
  const wrong = seed.problem(outcome.result, input);
  if (wrong) return `returned a value that breaks its promise: ${wrong}`;
  for (const line of seed.messages?.(outcome.result) ?? []) {
    if (line.length > MAX_MESSAGE) return `a ${line.length}-character problem line`;
    const leak = messageProblem(line);
    if (leak) return `problem line: ${leak}`;
  }
}

// ---- mutations of the text PowerShell prints (runJson, then the parser) ----

/** A recorded output as text, with the parser its script feeds; non-JSON recordings go where volumes are expected. */
interface TextSeed {
  readonly label: string;
  readonly text: string;
  readonly what: string;
  readonly seed: Seed;
}
const seedOf = (label: string): Seed =>
  [volumesSeeds, machineSeeds, tpmSeeds, userSeeds, registrySeeds, methodSeeds, ownerAuthSeeds]
    .flat()
    .find((s) => s.label === label) ?? volumesSeeds[0]!;
const textSeeds: TextSeed[] = [
  ...fixtureNames.map((label) => ({ label, text: fixtureText(label) })),
  ...ownerAuthSeeds.map((s) => ({ label: s.label, text: JSON.stringify(s.value) })),
].map(({ label, text }) => {
  const seed = seedOf(label);
  return { label, text, what: seed.secretAnswer ? 'read a secret' : `read ${label}`, seed };
});

/** What Windows PowerShell prints around or instead of JSON, some of it echoing a recovery password. */
function textMutation(
  rng: Rng,
  run: PowerShellResult,
  secretAnswer: boolean,
): { run: PowerShellResult; note: string } {
  const text = run.stdout;
  const pos = rng.int(text.length + 1);
  const pw = rng.pick(PASSWORDS);
  const echo = rng.pick([
    `WARNING: ACTIONS REQUIRED:\r\n\r\n    1. Save this numerical recovery password in a secure location away from your computer:\r\n        \r\n        ${pw}\r\n`,
    `Add-BitLockerKeyProtector : The recovery password ${pw} is not valid. (Exception from HRESULT: 0x80310035)\r\nAt line:1 char:1\r\n`,
    `RecoveryPassword : ${pw}\r\n`,
    secretText(rng, secretAnswer),
  ]);
  const secret = secretAnswer && rng.int(2) ? rng.pick([OWNER_AUTH, KEY_PACKAGE]) : echo;
  switch (rng.int(9)) {
    case 0:
      return { run: { ...run, stdout: text.slice(0, pos) }, note: `cut at ${pos}` };
    case 1: {
      const c = rng.pick([...'{}[]",:\\\'-\n', '\u0000', '\ufffd', 'NaN', '1e999']);
      return {
        run: { ...run, stdout: text.slice(0, pos) + c + text.slice(pos) },
        note: `${JSON.stringify(c)} at ${pos}`,
      };
    }
    case 2:
      return {
        run: { ...run, stdout: text.slice(0, pos) + text.slice(pos + 1 + rng.int(40)) },
        note: `cut out at ${pos}`,
      };
    case 3:
      return { run: { ...run, stdout: echo + text }, note: 'an echoed secret before' };
    case 4:
      return { run: { ...run, stdout: text + echo }, note: 'an echoed secret after' };
    case 5:
      return {
        run: { ...run, stdout: text.slice(0, pos) + echo + text.slice(pos) },
        note: `an echoed secret at ${pos}`,
      };
    case 6: {
      const exitCode = rng.pick([1, -1, 255, 3221225477]);
      return {
        run: { stdout: rng.int(2) ? text : '', stderr: rng.int(4) ? secret : '', exitCode },
        note: `exit code ${exitCode}`,
      };
    }
    case 7: {
      const stdout = rng.pick([
        '',
        ' \r\n',
        '\uFEFF',
        `\uFEFF${text}`,
        text.replace(/\n/g, '\r\n'),
        text.repeat(1 + rng.int(3)),
      ]);
      return { run: { ...run, stdout }, note: 'blank, BOM, CRLF or repeated' };
    }
    default: {
      // a structural mutation printed the way ConvertTo-Json prints it
      let value: Json;
      try {
        value = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
      } catch {
        return { run: { ...run, stdout: text + text }, note: 'doubled' };
      }
      const m = mutate(rng, value, secretAnswer);
      return { run: { ...run, stdout: jsonText(m.value, rng.int(2) ? 4 : undefined) ?? text }, note: m.note };
    }
  }
}

describe('Windows output parsers under seeded bad input (fuzz)', () => {
  it('starts from real outputs with secrets in them', () => {
    for (const seeds of Object.values(PARSERS))
      if (seeds.length === 0) throw new Error('a parser has no seed');
    if (RECORDED_PASSWORDS.length < 3)
      throw new Error(`only ${RECORDED_PASSWORDS.length} recorded passwords`);
  });

  for (const [name, seeds] of Object.entries(PARSERS))
    it(`${name}: ${MUTATIONS_PER_PARSER} mutations return or throw a short PlatformError without a secret, each < 1 s`, () => {
      const rng = prng(seedFor(name));
      for (let i = 0; i < MUTATIONS_PER_PARSER; i++) {
        const seed = rng.pick(seeds);
        let value = seed.value;
        const notes: string[] = [];
        for (let n = 1 + rng.int(3); n > 0; n--) {
          const m = mutate(rng, value, seed.secretAnswer ?? false);
          value = m.value;
          notes.push(m.note);
        }
        const wrong = verdict(seed, value);
        if (wrong)
          throw new Error(
            `${name}, seed ${SEED} (OPENMBAM_FUZZ_SEED), case ${i}, from ${seed.label}, after ${notes.join('; ')}: ${wrong}`,
          );
      }
    });

  it(`runJson then the parser: ${MUTATIONS_PER_PARSER} mutated texts return or throw a short PlatformError without a secret, each < 1 s`, async () => {
    const rng = prng(seedFor('runJson'));
    for (let i = 0; i < MUTATIONS_PER_PARSER; i++) {
      const seed = rng.pick(textSeeds);
      let run: PowerShellResult = { stdout: seed.text, stderr: '', exitCode: 0 };
      const notes: string[] = [];
      for (let n = 1 + rng.int(2); n > 0; n--) {
        const m = textMutation(rng, run, seed.seed.secretAnswer ?? false);
        run = m.run;
        notes.push(m.note);
      }
      const started = performance.now();
      const outcome = await runJson(async () => run, 'script', {
        what: seed.what,
        secret: seed.seed.secretAnswer,
      }).then(
        (output) => ({ output: output as Json }),
        (error: unknown) => ({ error }),
      );
      const ms = performance.now() - started;
      const wrong =
        ms > TIME_LIMIT_MS
          ? `runJson took ${Math.round(ms)} ms`
          : 'error' in outcome
            ? errorProblem(outcome.error)
            : verdict(seed.seed, outcome.output);
      if (wrong)
        throw new Error(
          `runJson, seed ${SEED} (OPENMBAM_FUZZ_SEED), case ${i}, from ${seed.label}, after ${notes.join('; ')}: ${wrong}`,
        );
    }
  });
});
