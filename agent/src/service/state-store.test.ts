import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { expect } from 'chai';
import { FileStateStore, readState } from './state-store';
import { fileConfigSource, checkConfig } from './config';
import { AgentUserError } from '../errors';

describe('file state store and configuration', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'openmbam-agent-'));

  it('writes documents atomically with owner-only permissions and leaves no temporary file', async () => {
    const root = join(dir(), 'state');
    const store = new FileStateStore(root);
    await store.write('escrow-spool', { version: 1, entries: [] });
    await store.write('escrow-spool', { version: 1, entries: [{ a: 1 }] });
    expect(await store.read('escrow-spool')).to.deep.equal({ version: 1, entries: [{ a: 1 }] });
    expect(readdirSync(root)).to.deep.equal(['escrow-spool.json']);
    if (process.platform !== 'win32') {
      expect(statSync(join(root, 'escrow-spool.json')).mode & 0o777).to.equal(0o600);
      expect(statSync(root).mode & 0o777).to.equal(0o700);
    }
    expect(await store.read('missing')).to.equal(undefined);
  });

  it('reports a corrupt document and treats it as absent', async () => {
    const root = dir();
    writeFileSync(join(root, 'rotation-journal.json'), '{"version": 1, "entries": [');
    const problems: string[] = [];
    const value = await readState(
      new FileStateStore(root),
      'rotation-journal',
      Type.Object({ version: Type.Literal(1) }),
      (p) => problems.push(p),
    );
    expect(value).to.equal(undefined);
    expect(problems[0]).to.contain('Agent state "rotation-journal"');
  });

  it('refuses state names that could leave the directory', async () => {
    await new FileStateStore(dir()).write('../x', {}).then(
      () => expect.fail('accepted'),
      (e: Error) => expect(e.message).to.contain('bad state name'),
    );
  });

  it('checks the configuration and teaches the right form', () => {
    const ok = { serverUrl: 'https://mbam.contoso.com', stateDirectory: '/var/lib/openmbam' };
    expect(checkConfig(ok, 'agent.json')).to.deep.equal(ok);
    expect(checkConfig({ ...ok, serverUrl: 'http://127.0.0.1:8080' }, 'agent.json').serverUrl).to.equal(
      'http://127.0.0.1:8080',
    );
    expect(() => checkConfig({ ...ok, serverUrl: 'http://mbam.contoso.com' }, 'agent.json')).to.throw(
      AgentUserError,
      /must use https:\/\/ .*allowInsecureHttp/,
    );
    expect(() => checkConfig({ ...ok, stateDirectory: '/var/../etc' }, 'agent.json')).to.throw(
      AgentUserError,
      /absolute path without "\.\."/,
    );
    expect(() => checkConfig({ ...ok, serverURL: 'x' }, 'agent.json')).to.throw(
      AgentUserError,
      /Expected e\.g\./,
    );
  });

  it('forgets the enrollment token in the file after enrollment', async () => {
    const path = join(dir(), 'agent.json');
    writeFileSync(
      path,
      JSON.stringify({
        serverUrl: 'https://mbam.contoso.com',
        enrollmentToken: 'mbamenroll_x',
        stateDirectory: '/s',
      }),
    );
    const source = fileConfigSource(path);
    expect((await source.load()).enrollmentToken).to.equal('mbamenroll_x');
    await source.forgetEnrollmentToken();
    expect(await source.load()).to.deep.equal({
      serverUrl: 'https://mbam.contoso.com',
      stateDirectory: '/s',
    });
  });
});
