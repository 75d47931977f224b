// Generative bad input for the client web services: seeded mutations of valid agent requests (values
// of the wrong kind, missing and extra fields, oversized strings and lists, broken bytes, odd
// content types and paths), sent as raw HTTP with a valid device proof for the exact bytes. Whatever
// arrives, the answer is below 500; a refusal has our error shape, echoes no secret and changes no
// row of either database. The hand-picked cases, with their exact messages, are in bad-input.test.ts.
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { expect } from 'chai';
import type { Kysely } from 'kysely';
import {
  API_PREFIX,
  EnrollResponse,
  EscrowResponse,
  RotatedResponse,
  StatusResponse,
  createDeviceProof,
  deviceProofHeader,
} from '../protocol';
import { TEST_DIALECTS, tableNames } from '../test-support/dialects';
import { type RawAnswer, closeConnections, send } from '../test-support/raw-http';
import { type Json, pathsOf, valueAt, withValue } from '../test-support/json-tree';
import { type Rng, prng } from '../test-support/seeded-random';
import { type TestServer, startTestServer } from '../test-support/server';
import { TestDevice, randomGuid, randomRecoveryPassword, sampleStatus } from '../test-support/test-device';

const SEED = Number(process.env.OPENMBAM_FUZZ_SEED ?? 20261129);
// OPENMBAM_FUZZ_SCALE=10 makes a ten times longer run (as in every *.fuzz.test.ts)
const MUTATIONS_PER_ROUTE = 150 * Number(process.env.OPENMBAM_FUZZ_SCALE ?? 1);

const nested = (depth: number): Json => (depth === 0 ? [] : [nested(depth - 1)]);
const WEIRD: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  '',
  ' ',
  'x',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\u202eevil',
  '\ufeff',
  'é'.repeat(300),
  'A'.repeat(5000),
  '1e3',
  'true',
  'null',
  '{00000000-0000-0000-0000-00000000000}',
  '../../etc/passwd',
  "'; DROP TABLE machines; --",
  [],
  {},
  [null],
  JSON.parse('{"__proto__": {"polluted": true}}') as Json,
  nested(2000),
];
const EXTRA_KEYS = ['extra', '__proto__', 'constructor', 'prototype', '', 'k'.repeat(1000)];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'Application/JSON',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  undefined,
];

interface Mutation {
  what: string;
  body: Buffer;
  contentType: string | undefined;
}

/** One mutation of a valid JSON body; some are still valid, which the assertions allow. */
function mutate(valid: Json, rng: Rng): Mutation {
  const paths = pathsOf(valid);
  const inner = paths.filter((p) => p.length > 0);
  const json = (what: string, value: Json): Mutation => ({
    what,
    body: Buffer.from(JSON.stringify(value)),
    contentType: 'application/json',
  });
  const text = Buffer.from(JSON.stringify(valid));
  // a body with no fields (the rotation confirmation's) can only be mutated as text
  switch (inner.length > 0 ? rng.int(9) : 5 + rng.int(4)) {
    case 0:
    case 1: {
      const path = rng.pick(inner);
      const value = rng.pick(WEIRD);
      return json(`${path.join('.')} = ${JSON.stringify(value).slice(0, 60)}`, withValue(valid, path, value));
    }
    case 2: {
      const path = rng.pick(inner);
      return json(`${path.join('.')} removed`, withValue(valid, path, undefined));
    }
    case 3: {
      const objects = paths.filter((p) => {
        const node = valueAt(valid, p);
        return node !== null && typeof node === 'object' && !Array.isArray(node);
      });
      const path = rng.pick(objects);
      const key = rng.pick(EXTRA_KEYS);
      return json(
        `extra field "${key.slice(0, 20)}" at ${path.join('.') || 'top'}`,
        withValue(valid, [...path, key], rng.pick(WEIRD)),
      );
    }
    case 4: {
      const lists = paths.filter(
        (p) => Array.isArray(valueAt(valid, p)) && (valueAt(valid, p) as Json[]).length > 0,
      );
      const strings = inner.filter((p) => typeof valueAt(valid, p) === 'string');
      if (lists.length > 0 && rng.int(2) === 0) {
        const path = rng.pick(lists);
        const list = valueAt(valid, path) as Json[];
        const grown = Array.from({ length: 300 }, (_, i) => structuredClone(list[i % list.length]!));
        return json(`${path.join('.')} grown to 300 items`, withValue(valid, path, grown));
      }
      const path = rng.pick(strings);
      const length = rng.pick([64, 65, 256, 261, 1025, 60_000, 70_000]);
      return json(`${path.join('.')} of ${length} characters`, withValue(valid, path, 'Z'.repeat(length)));
    }
    case 5: {
      const cut = rng.int(text.length);
      return {
        what: `body cut at byte ${cut}`,
        body: text.subarray(0, cut),
        contentType: 'application/json',
      };
    }
    case 6: {
      const body = Buffer.from(text);
      const index = rng.int(body.length);
      const byte = rng.pick([0x00, 0x80, 0xc3, 0xed, 0xff, 0x22, 0x5c, 0x7b]);
      body[index] = byte;
      return { what: `byte ${index} set to 0x${byte.toString(16)}`, body, contentType: 'application/json' };
    }
    case 7: {
      const top = rng.pick(['null', '[]', '1', '"text"', 'true', '{}', ' ', '[{}]', `[${text.toString()}]`]);
      return { what: `body ${top.slice(0, 30)}`, body: Buffer.from(top), contentType: 'application/json' };
    }
    default: {
      const contentType = rng.pick(CONTENT_TYPES);
      const duplicate = rng.int(2) === 0;
      const body = duplicate
        ? Buffer.from(
            `${text.toString().slice(0, -1)},"${rng.pick(Object.keys(valid as object))}":${JSON.stringify(rng.pick(WEIRD))}}`,
          )
        : text;
      return {
        what: `${duplicate ? 'a field given twice, ' : ''}content type ${contentType}`,
        body,
        contentType,
      };
    }
  }
}

/** Every row of every table, so an UPDATE that should not have happened shows as well as an INSERT. */
async function snapshot<DB>(db: Kysely<DB>, tables: string[]): Promise<Record<string, string[]>> {
  const raw = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const rows: Record<string, string[]> = {};
  for (const table of tables) {
    rows[table] = (await raw.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  }
  return rows;
}

for (const dialect of TEST_DIALECTS) {
  describe(`client web services: generated bad input never gets a 5xx nor writes (${dialect}, seed ${SEED})`, function () {
    this.timeout(120_000);
    let server: TestServer;
    let device: TestDevice;
    let enrollmentToken: string;
    let tables: { recovery: string[]; compliance: string[] };

    before(async () => {
      server = await startTestServer({ dialect });
      enrollmentToken = await server.createEnrollmentToken({ uses: 10_000 });
      device = await new TestDevice(server.url).init();
      await device.enroll(enrollmentToken);
      const { dbs } = server.running().services;
      tables = { recovery: await tableNames(dbs.recovery), compliance: await tableNames(dbs.compliance) };
    });
    after(async () => {
      closeConnections();
      await server.stop();
    });

    const state = async () => {
      const { dbs } = server.running().services;
      return {
        recovery: await snapshot(dbs.recovery, tables.recovery),
        compliance: await snapshot(dbs.compliance, tables.compliance),
      };
    };

    /**
     * Sends `count` mutations of `valid()` to `path` (a function of the mutation number, for routes
     * with a path parameter) and checks every answer; returns how many were accepted.
     */
    async function fuzz(
      seedOffset: number,
      route: string,
      valid: () => Json,
      answerSchema: TSchema,
      signed: boolean,
      pathOf: (rng: Rng) => string = () => route,
    ): Promise<{ accepted: number; refused: number }> {
      const rng = prng(SEED + seedOffset);
      let accepted = 0;
      let refused = 0;
      for (let i = 0; i < MUTATIONS_PER_ROUTE; i++) {
        const request = valid();
        const mutation = mutate(request, rng);
        const path = `${API_PREFIX}${pathOf(rng)}`;
        const headers: Record<string, string> = {};
        if (mutation.contentType) headers['content-type'] = mutation.contentType;
        if (signed) {
          const proof = await createDeviceProof({
            privateKey: device.privateKey,
            deviceId: device.deviceId,
            method: 'POST',
            path,
            body: mutation.body,
          });
          headers.authorization = deviceProofHeader(proof);
        }
        const before = await state();
        const answer: RawAnswer = await send(server.url, {
          method: 'POST',
          path,
          headers,
          body: mutation.body,
        });
        const context = `seed ${SEED + seedOffset}, mutation ${i} (${mutation.what}) to ${path.slice(0, 120)}: ${answer.status} ${answer.text.slice(0, 300)}`;
        expect(answer.status, context).to.be.below(500);
        expect(answer.contentType, context).to.match(/^application\/json/);
        const body = JSON.parse(answer.text) as unknown;
        if (answer.status < 300) {
          accepted++;
          expect(Value.Check(answerSchema, body), context).to.equal(true);
          continue;
        }
        refused++;
        const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
        expect(error?.code, context).to.be.a('string').and.not.equal('');
        expect(error?.message, context).to.be.a('string');
        expect((error!.message as string).length, context).to.be.greaterThan(10);
        const secret = (request as { recoveryPassword?: string }).recoveryPassword;
        if (secret) expect(answer.text, context).to.not.include(secret);
        const after = await state();
        // Refused for what only the database knows (an unknown or conflicting key protector), a
        // request has spent its proof (device-proof-verifier.ts): one jti row, and nothing else.
        if (answer.status === 404 || answer.status === 409) {
          const spent =
            after.compliance.device_proof_nonces!.length - before.compliance.device_proof_nonces!.length;
          expect(spent, context).to.be.within(0, 1);
          after.compliance.device_proof_nonces = before.compliance.device_proof_nonces!;
        }
        expect(after, context).to.deep.equal(before);
      }
      expect(refused, `route ${route}: no mutation was refused, the generator is broken`).to.be.greaterThan(
        MUTATIONS_PER_ROUTE / 2,
      );
      return { accepted, refused };
    }

    it('enrollment', async () => {
      const template = await new TestDevice(server.url).init();
      await fuzz(
        1,
        '/enroll',
        () => template.enrollRequest(enrollmentToken) as unknown as Json,
        EnrollResponse,
        false,
      );
    });

    it('key escrow', () =>
      fuzz(
        2,
        '/recovery-keys',
        () => ({
          volumeId: randomGuid(),
          driveType: 'OperatingSystem',
          mountPoint: 'C:',
          keyProtectorId: randomGuid(),
          recoveryPassword: randomRecoveryPassword(),
          keyPackage: 'AAECAw==',
          tpmOwnerAuth: 'b3duZXIgYXV0aA==',
        }),
        EscrowResponse,
        true,
      ));

    it('status report', () =>
      fuzz(
        3,
        '/status',
        () =>
          sampleStatus([
            { volumeId: randomGuid(), keyProtectorId: randomGuid() },
            { volumeId: randomGuid(), keyProtectorId: randomGuid() },
          ]) as unknown as Json,
        StatusResponse,
        true,
      ));

    it('rotation confirmation, with odd key protector ids in the path', () =>
      fuzz(
        4,
        '/recovery-keys/{id}/rotated',
        () => ({}),
        RotatedResponse,
        true,
        (rng) => {
          const id = rng.pick([
            randomGuid(),
            encodeURIComponent(randomGuid()),
            '%00',
            '%',
            '%E0%A4%A',
            '%F0%9F%98%80',
            '..%2F..%2Fstatus',
            'A'.repeat(5000),
            '%7B00000000-0000-0000-0000-000000000000%7D',
            'null',
            '%20',
          ]);
          return `/recovery-keys/${id}/rotated${rng.pick(['', '?x=1', '?keyProtectorId=%00', '#frag'])}`;
        },
      ));
  });
}
