// Every kind of bad input is answered 4xx with our error shape, and writes nothing, on every dialect.
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { expect } from 'chai';
import { CompactSign } from 'jose';
import { createApiToken } from '../people/api-tokens';
import { addLocalUser } from '../people/local-users';
import { DEVICE_PROOF_TYPE, bodySha256 } from '../protocol';
import { TEST_DIALECTS, rowCounts, tableNames } from '../test-support/dialects';
import { type TestServer, startTestServer } from '../test-support/server';
import { TestDevice, randomGuid, randomRecoveryPassword, sampleStatus } from '../test-support/test-device';

for (const dialect of TEST_DIALECTS) {
  describe(`client web services: bad input is refused and writes nothing (${dialect})`, function () {
    let server: TestServer;
    let device: TestDevice;
    let tables: { recovery: string[]; compliance: string[] };
    const goodEscrow = () => ({
      volumeId: randomGuid(),
      driveType: 'OperatingSystem',
      keyProtectorId: randomGuid(),
      recoveryPassword: randomRecoveryPassword(),
    });

    before(async () => {
      server = await startTestServer({ dialect });
      device = await new TestDevice(server.url).init();
      await device.enroll(await server.createEnrollmentToken());
      const { dbs } = server.running().services;
      tables = { recovery: await tableNames(dbs.recovery), compliance: await tableNames(dbs.compliance) };
    });
    after(async () => server.stop());

    async function counts() {
      const { dbs } = server.running().services;
      return {
        recovery: await rowCounts(dbs.recovery, tables.recovery),
        compliance: await rowCounts(dbs.compliance, tables.compliance),
      };
    }

    async function expectRefused(
      send: () => Promise<{ status: number; body: unknown }>,
      status: number,
      code: string,
      messagePart?: RegExp,
    ) {
      const before = await counts();
      const answer = await send();
      expect(answer.status, JSON.stringify(answer.body)).to.equal(status);
      const error = (answer.body as { error: { code: string; message: string } }).error;
      expect(error.code).to.equal(code);
      expect(error.message.length).to.be.greaterThan(10);
      if (messagePart) expect(error.message).to.match(messagePart);
      expect(await counts()).to.deep.equal(before);
      return error;
    }

    const escrowWith = (patch: Record<string, unknown>) => () =>
      device.post('/recovery-keys', JSON.stringify({ ...goodEscrow(), ...patch }));

    it('malformed JSON', () =>
      expectRefused(() => device.post('/recovery-keys', '{"volumeId": '), 400, 'invalid_json'));
    it('a body that is not JSON', () =>
      expectRefused(
        () => device.post('/recovery-keys', 'volumeId=1', true, 'text/plain'),
        415,
        'unsupported_media_type',
      ));
    it('a wrong type', () => expectRefused(escrowWith({ driveType: 7 }), 400, 'validation_failed'));
    it('an unknown field', () =>
      expectRefused(escrowWith({ extra: true }), 400, 'validation_failed', /unknown field "extra"/));
    it('a missing field', async () => {
      const { keyProtectorId: _omit, ...rest } = goodEscrow();
      await expectRefused(
        () => device.post('/recovery-keys', JSON.stringify(rest)),
        400,
        'validation_failed',
        /keyProtectorId/,
      );
    });
    it('an oversized body', () =>
      expectRefused(escrowWith({ keyPackage: 'A'.repeat(200_000) }), 413, 'payload_too_large'));
    it('a recovery password whose group fails the checksum, without echoing it', async () => {
      const bad = randomRecoveryPassword().replace(/^\d{6}/, '123457');
      const error = await expectRefused(
        escrowWith({ recoveryPassword: bad }),
        400,
        'invalid_recovery_password',
        /group 1/,
      );
      expect(error.message).to.not.include(bad);
      expect(error.message).to.not.include('123457');
    });
    it('a recovery password group above 720885', () =>
      expectRefused(
        escrowWith({ recoveryPassword: randomRecoveryPassword().replace(/^\d{6}/, '720896') }),
        400,
        'invalid_recovery_password',
        /greater than 720885/,
      ));
    it('a recovery password of the wrong shape', () =>
      expectRefused(escrowWith({ recoveryPassword: '1234-5678' }), 400, 'validation_failed'));
    it('a GUID that is not one', () =>
      expectRefused(escrowWith({ volumeId: '{not-a-guid}' }), 400, 'validation_failed', /volumeId/));
    it('an unknown drive type, naming the allowed ones', () =>
      expectRefused(
        escrowWith({ driveType: 'Floppy' }),
        400,
        'validation_failed',
        /"OperatingSystem", "FixedData", "RemovableData"/,
      ));
    it('a status report with a wrong conversion status', async () => {
      const report = sampleStatus([{ volumeId: randomGuid(), keyProtectorId: randomGuid() }]);
      const body = JSON.stringify({
        ...report,
        volumes: [{ ...report.volumes[0], conversionStatus: 'Half' }],
      });
      await expectRefused(() => device.post('/status', body), 400, 'validation_failed');
    });
    it('a NUL character in any text, which PostgreSQL could not store, on every dialect alike', async () => {
      const other = await new TestDevice(server.url).init();
      const enroll = other.enrollRequest(await server.createEnrollmentToken());
      enroll.machine.domain = 'contoso\u0000.com';
      await expectRefused(
        () => other.post('/enroll', JSON.stringify(enroll), false),
        400,
        'validation_failed',
        /body\/machine\/domain contains the character U\+0000/,
      );
      const report = { ...sampleStatus([]), users: ['CONTOSO\\ann\u0000'] };
      await expectRefused(
        () => device.post('/status', JSON.stringify(report)),
        400,
        'validation_failed',
        /body\/users\/0/,
      );
      const deep = `${'['.repeat(20_000)}"\\u0000"${']'.repeat(20_000)}`;
      await expectRefused(() => device.post('/status', deep), 400, 'validation_failed', /U\+0000/);
    });
    it('a request Node cannot read as HTTP (headers over 16 KiB, a broken request line)', async () => {
      const raw = (text: string) =>
        new Promise<string>((resolve, reject) => {
          const { port } = new URL(server.url);
          const socket = connect(Number(port), '127.0.0.1', () => socket.end(text));
          let answer = '';
          socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
          socket.on('close', () => resolve(answer));
          socket.on('error', reject);
        });
      const answerOf = async (text: string) => {
        const answer = await raw(text);
        const [head, body] = answer.split('\r\n\r\n');
        return { status: Number(head!.split(' ')[1]), body: JSON.parse(body!) as unknown };
      };
      await expectRefused(
        () => answerOf(`POST /api/v1/status HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
        431,
        'headers_too_large',
        /16 KiB/,
      );
      await expectRefused(() => answerOf('NOT HTTP AT ALL\r\n\r\n'), 400, 'bad_request', /HTTP\/1\.1/);
    });
    it('a path segment longer than the router accepts, or a broken %-escape', async () => {
      await expectRefused(
        () => device.post(`/recovery-keys/${'A'.repeat(500)}/rotated`, ''),
        414,
        'uri_too_long',
        /100 characters/,
      );
      await expectRefused(
        () => device.post('/recovery-keys/%E0%A4%A/rotated', ''),
        400,
        'bad_request',
        /%-escape/,
      );
    });
    it('a rotation confirmation for an id that is not a GUID', () =>
      expectRefused(() => device.post('/recovery-keys/abc/rotated', ''), 400, 'validation_failed'));

    it('no device proof at all', () =>
      expectRefused(
        () => device.post('/recovery-keys', JSON.stringify(goodEscrow()), false),
        401,
        'unauthorized',
      ));
    it("a person's API token or session cookie instead of a device proof", async () => {
      const { dbs } = server.running().services;
      const { user } = await addLocalUser(dbs.recovery, {
        userName: 'bearer-admin',
        roles: ['System Administrators'],
      });
      const { token } = await createApiToken(
        dbs.recovery,
        {
          id: user.id,
          userName: user.userName,
          displayName: user.displayName,
          roles: user.roles,
          source: 'local',
        },
        { label: 'not an agent' },
      );
      for (const authorization of [`Bearer ${token}`, undefined]) {
        await expectRefused(
          async () => {
            const response = await fetch(`${server.url}/api/v1/status`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                cookie: 'openmbam-session=forged',
                ...(authorization ? { authorization } : {}),
              },
              body: JSON.stringify(sampleStatus([])),
            });
            return { status: response.status, body: await response.json() };
          },
          401,
          'unauthorized',
          /MBAM-Device/,
        );
      }
    });
    it('a proof that is not a JWS', () =>
      expectRefused(
        () => device.post('/recovery-keys', JSON.stringify(goodEscrow()), 'abc.def'),
        401,
        'invalid_device_proof',
      ));
    it('a signed proof whose header or claims are not a device proof', async () => {
      const body = JSON.stringify(goodEscrow());
      const claims = {
        htm: 'POST',
        htu: '/api/v1/recovery-keys',
        iat: Math.floor(Date.now() / 1000),
        jti: randomGuid(),
        bsha256: bodySha256(body),
      };
      const signed = (header: Record<string, unknown>, payload: unknown) =>
        new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
          .setProtectedHeader({ alg: 'ES256', ...header })
          .sign(device.privateKey);
      const cases: Array<[Record<string, unknown>, unknown, RegExp]> = [
        [{ typ: 'JWT', kid: device.deviceId }, claims, /header must be/],
        [{ typ: DEVICE_PROOF_TYPE }, claims, /no valid `kid`/],
        // checked before the lookup: PostgreSQL cannot even compare text holding U+0000
        [{ typ: DEVICE_PROOF_TYPE, kid: `${device.deviceId.slice(0, 8)}\u0000` }, claims, /no valid `kid`/],
        [{ typ: DEVICE_PROOF_TYPE, kid: randomGuid() }, claims, /no valid `kid`/],
        [{ typ: DEVICE_PROOF_TYPE, kid: randomUUID() }, claims, /does not know/],
        [{ typ: DEVICE_PROOF_TYPE, kid: device.deviceId }, [claims], /payload must be a JSON object/],
        // extensions that would change what the signature covers are not understood, so refused
        [
          { typ: DEVICE_PROOF_TYPE, kid: device.deviceId, crit: ['b64'], b64: true },
          claims,
          /header must be/,
        ],
        [{ typ: DEVICE_PROOF_TYPE, kid: device.deviceId, b64: true }, claims, /header must be/],
      ];
      const hs256 = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
        .setProtectedHeader({ alg: 'HS256', typ: DEVICE_PROOF_TYPE, kid: device.deviceId })
        .sign(new Uint8Array(32));
      await expectRefused(
        () => device.post('/recovery-keys', body, hs256),
        401,
        'invalid_device_proof',
        /header must be/,
      );
      for (const [header, payload, message] of cases) {
        const proof = await signed(header, payload);
        await expectRefused(
          () => device.post('/recovery-keys', body, proof),
          401,
          'invalid_device_proof',
          message,
        );
      }
    });
    it('a proof signed by another key', async () => {
      const other = await new TestDevice(server.url).init();
      other.deviceId = device.deviceId; // claims to be our device, signs with its own key
      const body = JSON.stringify(goodEscrow());
      const proof = await other.proofFor('POST', '/api/v1/recovery-keys', body);
      await expectRefused(
        () => device.post('/recovery-keys', body, proof),
        401,
        'invalid_device_proof',
        /signature/,
      );
    });
    it('a proof whose parts are not base64url, or whose signature is not 64 bytes of r and s', async () => {
      const body = JSON.stringify(goodEscrow());
      const proof = await device.proofFor('POST', '/api/v1/recovery-keys', body);
      const [header, payload, signature] = proof.split('.') as [string, string, string];
      const raw = Buffer.from(signature, 'base64url');
      const der = Buffer.concat([
        Buffer.from([0x30, 0x44, 0x02, 0x20]),
        raw.subarray(0, 32),
        Buffer.from([0x02, 0x20]),
        raw.subarray(32),
      ]);
      const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64url');
      const notCompact = [
        `${header}.${payload}.${signature}=`,
        `${header}.${payload}.${signature}AAA`, // 4k+1 characters: no base64 ends so
        `${header}.${payload}.${signature}.${signature}.${signature}`, // shaped like a JWE
        `${b64('[]')}.${payload}.${signature}`,
        `${b64('null')}.${payload}.${signature}`,
        `${b64(Buffer.from([0xff, 0xfe, 0x7b, 0x7d]))}.${payload}.${signature}`, // not UTF-8
        `${header}.${payload.replace(/_/g, '/').replace(/-/g, '+')}x+.${signature}`,
        `${header}.${payload}.${signature}.${signature}`,
        `${header}..${signature}`,
      ];
      for (const forged of notCompact) {
        await expectRefused(
          () => device.post('/recovery-keys', body, forged),
          401,
          'invalid_device_proof',
          /not a compact JWS/,
        );
      }
      for (const forged of [der, raw.subarray(0, 63), Buffer.concat([raw, Buffer.from([0])])]) {
        await expectRefused(
          () => device.post('/recovery-keys', body, `${header}.${payload}.${forged.toString('base64url')}`),
          401,
          'invalid_device_proof',
          /signature does not verify/,
        );
      }
    });
    it('a device whose stored key is damaged or not on the curve is told to enroll again', async () => {
      const { dbs } = server.running().services;
      for (const stored of [
        '{"kty":"EC"',
        JSON.stringify({ ...device.publicJwk, y: device.publicJwk.x }),
        '[]',
      ]) {
        const damaged = await new TestDevice(server.url).init();
        expect((await damaged.enroll(await server.createEnrollmentToken())).status).to.equal(201);
        await dbs.recovery
          .updateTable('devices')
          .set({ public_key_jwk: stored })
          .where('id', '=', damaged.deviceId)
          .execute();
        await expectRefused(
          () => damaged.escrow(goodEscrow() as never),
          401,
          'invalid_device_proof',
          /not a P-256 public key; enroll again/,
        );
      }
    });
    it('a proof for another body', async () => {
      const proof = await device.proofFor('POST', '/api/v1/recovery-keys', JSON.stringify(goodEscrow()));
      await expectRefused(
        () => device.post('/recovery-keys', JSON.stringify(goodEscrow()), proof),
        401,
        'invalid_device_proof',
        /bsha256/,
      );
    });
    it('a proof for another path', async () => {
      const body = JSON.stringify(sampleStatus([]));
      const proof = await device.proofFor('POST', '/api/v1/recovery-keys', body);
      await expectRefused(() => device.post('/status', body, proof), 401, 'invalid_device_proof', /htu/);
    });
    it('a stale proof', async () => {
      const body = JSON.stringify(goodEscrow());
      const { createDeviceProof } = await import('../protocol');
      const proof = await createDeviceProof({
        privateKey: device.privateKey,
        deviceId: device.deviceId,
        method: 'POST',
        path: '/api/v1/recovery-keys',
        body,
        now: new Date(Date.now() - 10 * 60 * 1000),
      });
      await expectRefused(
        () => device.post('/recovery-keys', body, proof),
        401,
        'invalid_device_proof',
        /iat/,
      );
    });
    it('a stolen proof replayed, even with the same body', async () => {
      const body = JSON.stringify(goodEscrow());
      const proof = await device.proofFor('POST', '/api/v1/recovery-keys', body);
      expect((await device.post('/recovery-keys', body, proof)).status).to.equal(201);
      await expectRefused(
        () => device.post('/recovery-keys', body, proof),
        401,
        'invalid_device_proof',
        /already used/,
      );
    });
    it('an unknown enrollment token', async () => {
      const other = await new TestDevice(server.url).init();
      await expectRefused(
        () => other.enroll('mbamenroll_nope'),
        403,
        'enrollment_token_invalid',
        /not known/,
      );
    });
    it('a public key that is not a point on P-256, before the token is spent', async () => {
      const token = await server.createEnrollmentToken({ uses: 1 });
      const other = await new TestDevice(server.url).init();
      const offCurve = { ...other.publicJwk, y: other.publicJwk.x };
      other.publicJwk = offCurve;
      await expectRefused(
        () => other.enroll(token),
        400,
        'validation_failed',
        /not a point on the P-256 curve/,
      );
      // the token was not spent: a machine with a real key enrolls with it
      const fresh = await new TestDevice(server.url).init();
      expect((await fresh.enroll(token)).status).to.equal(201);
    });
    it('an expired enrollment token', async () => {
      const token = await server.createEnrollmentToken({ expiresInSeconds: 1 });
      await new Promise((r) => setTimeout(r, 1100));
      const other = await new TestDevice(server.url).init();
      await expectRefused(() => other.enroll(token), 403, 'enrollment_token_invalid', /expired/);
    });
    it('a used-up enrollment token', async () => {
      const token = await server.createEnrollmentToken({ uses: 1 });
      expect((await (await new TestDevice(server.url).init()).enroll(token)).status).to.equal(201);
      const other = await new TestDevice(server.url).init();
      await expectRefused(() => other.enroll(token), 403, 'enrollment_token_invalid', /used-up/);
    });
    it('a revoked device', async () => {
      const revoked = await new TestDevice(server.url).init();
      await revoked.enroll(await server.createEnrollmentToken());
      const { revokeDevice } = await import('../devices/device-repository');
      await revokeDevice(server.running().services.dbs.recovery, revoked.deviceId, new Date().toISOString());
      await expectRefused(() => revoked.escrow(goodEscrow() as never), 403, 'device_revoked');
    });
  });
}
