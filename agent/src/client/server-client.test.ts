import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import type { ServerError } from '../errors';
import { ServerClient } from './server-client';

/** A tiny stand-in that answers every request with the next canned reply and keeps what it received. */
async function cannedServer(replies: { status: number; body: string }[]) {
  const seen: { url: string; authorization?: string; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization, body });
      const r = replies.shift() ?? { status: 500, body: '' };
      res.writeHead(r.status, { 'content-type': 'application/json' }).end(r.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const device = {
  deviceId: 'dev-1',
  privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
};
const status = {
  agentVersion: '0.1.0',
  policyHash: 'h',
  users: [],
  tpm: { present: true, ready: true },
  volumes: [],
};

describe('ServerClient', () => {
  it('signs the exact body for the request path, and checks the answer', async () => {
    const s = await cannedServer([
      { status: 200, body: JSON.stringify({ rotate: [], nextReportSeconds: 60 }) },
    ]);
    const calls: string[] = [];
    const client = new ServerClient({ baseUrl: s.url, observe: (k, _ms, st) => calls.push(`${k} ${st}`) });
    expect(await client.status(device, status)).to.deep.equal({ rotate: [], nextReportSeconds: 60 });
    expect(s.seen[0]?.url).to.equal('/prefix/api/v1/status');
    expect(s.seen[0]?.body).to.equal(JSON.stringify(status));
    const [, jws] = (s.seen[0]?.authorization ?? '').split(' ');
    const payload = JSON.parse(Buffer.from(jws!.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(payload).to.include({ htm: 'POST', htu: '/prefix/api/v1/status' });
    expect(calls).to.deep.equal(['status 200']);
    await s.close();
  });

  it('maps failures: unreachable and 5xx retry, 4xx do not, device_revoked is named, a bad answer is a protocol violation', async () => {
    const s = await cannedServer([
      { status: 503, body: '' },
      { status: 409, body: JSON.stringify({ error: { code: 'conflict', message: 'different password' } }) },
      { status: 403, body: JSON.stringify({ error: { code: 'device_revoked', message: 'revoked' } }) },
      { status: 200, body: JSON.stringify({ rotate: 'all', nextReportSeconds: 60 }) },
    ]);
    const client = new ServerClient({ baseUrl: s.url });
    const fail = (p: Promise<unknown>) =>
      p.then(
        () => expect.fail('succeeded'),
        (e: ServerError) => e,
      );
    expect(await fail(client.status(device, status))).to.include({
      code: 'server_unreachable',
      status: 503,
      retryable: true,
    });
    expect(await fail(client.status(device, status))).to.include({
      code: 'server_rejected',
      status: 409,
      serverCode: 'conflict',
      retryable: false,
    });
    expect(await fail(client.status(device, status))).to.include({
      code: 'device_revoked',
      retryable: false,
    });
    const bad = await fail(client.status(device, status));
    expect(bad).to.include({ code: 'server_protocol_violation', retryable: true });
    expect(bad.message).to.contain('/rotate');
    await s.close();
    expect(await fail(client.status(device, status))).to.include({
      code: 'server_unreachable',
      retryable: true,
    });
  });
});
