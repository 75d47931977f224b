// Clients are write-only: no call a device can make ever returns a recovery secret. After escrowing
// known secrets, every registered route is called with a valid device proof (every method it has,
// with and without a body, with the device's own ids in the path) and no answer contains a secret.
import { expect } from 'chai';
import { type TestServer, startTestServer } from '../test-support/server';
import { TestDevice, randomGuid, randomRecoveryPassword } from '../test-support/test-device';

describe('client web services: a device cannot read any secret through any route', function () {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => server.stop());

  it('finds none of its escrowed secrets in any answer', async () => {
    const device = await new TestDevice(server.url).init();
    await device.enroll(await server.createEnrollmentToken());
    const volumeId = randomGuid();
    const keyProtectorId = randomGuid();
    const secrets = {
      recoveryPassword: randomRecoveryPassword(),
      keyPackage: Buffer.from('KEYPACKAGE-MARKER-0123456789').toString('base64'),
      tpmOwnerAuth: 'TPM-OWNER-AUTH-MARKER-9876',
    };
    expect(
      (await device.escrow({ volumeId, driveType: 'OperatingSystem', keyProtectorId, ...secrets })).status,
    ).to.equal(201);
    await server.discloseKey(keyProtectorId);

    const routes = server.running().app.registeredRoutes;
    expect(routes.length).to.be.greaterThan(5);
    const fill = (url: string) =>
      url
        .replace(/:keyProtectorId|:keyId|:id/g, encodeURIComponent(keyProtectorId))
        .replace(/:volumeId/g, encodeURIComponent(volumeId))
        .replace(/:[A-Za-z]+/g, 'x')
        .replace(/\*/g, '');
    const bodies = ['', JSON.stringify({ volumeId, keyProtectorId, keyId: keyProtectorId, reason: 'Other' })];
    for (const route of routes) {
      for (const body of route.method === 'GET' ? [''] : bodies) {
        const path = fill(route.url);
        const headers: Record<string, string> = {
          authorization: `MBAM-Device ${await device.proofFor(route.method, path, body)}`,
        };
        if (body) headers['content-type'] = 'application/json';
        const response = await fetch(`${server.url}${path}`, {
          method: route.method,
          headers,
          body: body || undefined,
        });
        const text = await response.text();
        for (const [name, secret] of Object.entries(secrets)) {
          expect(text.includes(secret), `${route.method} ${route.url} returned the ${name}`).to.equal(false);
        }
        expect(text).to.not.include('TPM-OWNER-AUTH-MARKER');
        expect(text).to.not.include('KEYPACKAGE-MARKER');
      }
    }
  });
});
