// Configuration mistakes found by bad-input.fuzz.test.ts, each refused with the setting named.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from './load';

describe('configuration refusals', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'openmbam-config-bad-'));
  const file = (name: string, text: string | Buffer) => (writeFileSync(join(cwd, name), text), name);
  const load = (env: NodeJS.ProcessEnv, configFile?: string) => () => loadConfig({ configFile }, env, cwd);

  it('reads environment numbers as digits only, naming the variable (Number() took 0x10 and 1e3)', () => {
    for (const bad of ['0x10', '1e3', ' 80 ', '80.0', 'abc']) {
      expect(load({ OPENMBAM_PORT: bad }), bad).to.throw(/^OPENMBAM_PORT must be a whole number/);
    }
    expect(load({ OPENMBAM_LOCAL_SIGN_IN: 'yes' })).to.throw(/^OPENMBAM_LOCAL_SIGN_IN must be true or false/);
    expect(load({ OPENMBAM_PORT: '99999' })).to.throw(/\/port is invalid.*It was set by OPENMBAM_PORT\./);
  });

  it('refuses a section of the wrong kind instead of replacing it with defaults', () => {
    for (const section of ['databases', 'keyEncryptionKey', 'sessions', 'oidc']) {
      const name = file(`${section}.json`, JSON.stringify({ [section]: 'x' }));
      expect(load({}, name), section).to.throw(`Configuration /${section} is invalid: expected an object`);
    }
  });

  it('refuses __proto__, U+0000 and half surrogate pairs in the file', () => {
    expect(load({}, file('proto.json', '{"__proto__": {"port": 1}}'))).to.throw(/\/__proto__/);
    expect(load({}, file('nul.json', '{"dataDir": "a\\u0000b"}'))).to.throw(/\/dataDir .*U\+0000/);
    expect(load({}, file('half.json', '{"host": "\\ud800"}'))).to.throw(
      /\/host is invalid: is not well-formed/,
    );
  });

  it('says what is wrong with a file that is a folder, not UTF-8, or has a byte order mark', () => {
    mkdirSync(join(cwd, 'folder.json'));
    expect(load({}, 'folder.json')).to.throw(/is a directory; expected a JSON file/);
    expect(load({}, file('latin1.json', Buffer.from([0x7b, 0xff, 0x7d])))).to.throw(/is not UTF-8 text/);
    expect(loadConfig({ configFile: file('bom.json', '\ufeff{"port": 9000}') }, {}, cwd).port).to.equal(9000);
  });

  it('refuses hosts, proxies and URLs the listener or the browser would refuse later', () => {
    expect(load({ OPENMBAM_HOST: 'not a host' })).to.throw(/\/host is invalid: expected an IP address/);
    expect(load({ OPENMBAM_TRUST_PROXY: 'yes' })).to.throw(/\/trustProxy is invalid/);
    expect(load({ OPENMBAM_TRUST_PROXY: '10.0.0.0/33' })).to.throw(/\/trustProxy is invalid/);
    expect(loadConfig({}, { OPENMBAM_TRUST_PROXY: 'loopback, 10.0.0.0/8' }, cwd).trustProxy).to.be.a(
      'string',
    );
    expect(load({ OPENMBAM_PUBLIC_URL: 'https://exa mple' })).to.throw(/\/publicUrl is invalid/);
    expect(load({ OPENMBAM_PUBLIC_URL: 'https://' })).to.throw(/\/publicUrl is invalid/);
  });

  it('refuses a data directory that is a file or blank, and a connection string that cannot work', () => {
    file('afile', 'x');
    expect(load({ OPENMBAM_DATA_DIR: 'afile' })).to.throw(/\/dataDir is invalid: expected a folder/);
    expect(load({ OPENMBAM_DATA_DIR: ' ' })).to.throw(/\/dataDir is invalid: expected a folder, not blank/);
    expect(load({ OPENMBAM_RECOVERY_DB: ' ' })).to.throw(/^databases\.recovery is empty/);
  });

  it('refuses two key providers at once and says what each provider needs', () => {
    const both = {
      OPENMBAM_KEY_FILE: '/k.json',
      OPENMBAM_KEY_VAULT_KEY: 'k',
      OPENMBAM_KEY_VAULT_URL: 'https://kv',
    };
    expect(load(both)).to.throw(/set one of them/);
    expect(load({ OPENMBAM_KEY_VAULT_URL: 'https://kv', OPENMBAM_KEY_VAULT_KEY: 'bad name!' })).to.throw(
      /Azure Key Vault needs .*It was set by OPENMBAM_KEY_VAULT_URL and OPENMBAM_KEY_VAULT_KEY/,
    );
  });

  it('never shows the client secret or a database password, whatever setting is wrong', () => {
    const messageOf = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected a refusal');
    };
    const name = file(
      'secret.json',
      JSON.stringify({ oidc: { issuer: 'https://id', clientId: 'c', clientSecret: ['planted-secret'] } }),
    );
    const secretMessage = messageOf(load({}, name));
    expect(secretMessage).to.match(/\/oidc\/clientSecret is invalid: Expected string\./);
    expect(secretMessage).not.to.include('planted-secret');
    const env = {
      OPENMBAM_RECOVERY_DB: 'postgres://u:planted-password@db/x',
      OPENMBAM_HOST: 'planted-password@x',
    };
    const hostMessage = messageOf(load(env));
    expect(hostMessage).to.match(/\/host is invalid/);
    expect(hostMessage).not.to.include('planted-password');
  });
});
