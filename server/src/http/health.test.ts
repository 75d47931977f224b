// Health, readiness and the OpenAPI document, over real HTTP.
import { expect } from 'chai';
import { type TestServer, startTestServer } from '../test-support/server';

describe('health, readiness and OpenAPI', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => server.stop());

  it('answers /healthz and /readyz with both databases reachable', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).to.deep.equal({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).to.equal(200);
    expect(await ready.json()).to.deep.equal({
      status: 'ready',
      databases: { recovery: 'ok', compliance: 'ok' },
    });
  });

  it('serves an OpenAPI document describing the agent protocol', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    };
    expect(doc.openapi).to.match(/^3\./);
    for (const path of [
      '/api/v1/enroll',
      '/api/v1/recovery-keys',
      '/api/v1/status',
      '/api/v1/recovery-keys/{keyProtectorId}/rotated',
    ]) {
      expect(doc.paths, path).to.have.property(path);
    }
    expect(doc.paths['/api/v1/recovery-keys']!.post!.responses).to.include.keys(
      '200',
      '201',
      '400',
      '401',
      '409',
    );
  });

  it('marks API answers as not cacheable', async () => {
    const response = await fetch(`${server.url}/api/openapi.json`);
    expect(response.headers.get('cache-control')).to.equal('no-store');
  });

  it('answers an unknown path with our error shape', async () => {
    const response = await fetch(`${server.url}/api/v1/nothing`);
    expect(response.status).to.equal(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).to.equal('not_found');
  });
});
