// Configuration: defaults, file, environment and flags in that order, validated with teaching errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from './load';

describe('configuration', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'openmbam-config-'));

  it('defaults to the embedded setup: SQLite files and a local key file in ./.data', () => {
    const config = loadConfig({}, {}, cwd);
    expect(config).to.deep.include({
      host: '127.0.0.1',
      port: 8080,
      dataDir: join(cwd, '.data'),
      logLevel: 'info',
    });
    expect(config.databases).to.deep.equal({
      recovery: `sqlite:${join(cwd, '.data', 'recovery.db')}`,
      compliance: `sqlite:${join(cwd, '.data', 'compliance.db')}`,
    });
    expect(config.keyEncryptionKey).to.deep.equal({
      provider: 'local-key-file',
      keyFile: join(cwd, '.data', 'kek.json'),
    });
  });

  it('lets the environment override the file and flags override both', () => {
    writeFileSync(join(cwd, 'c.json'), JSON.stringify({ port: 9000, host: '0.0.0.0', logLevel: 'warn' }));
    const config = loadConfig(
      { configFile: 'c.json', port: 9443 },
      { OPENMBAM_HOST: '10.0.0.5', OPENMBAM_RECOVERY_DB: 'postgres://db/recovery' },
      cwd,
    );
    expect(config).to.deep.include({ port: 9443, host: '10.0.0.5', logLevel: 'warn' });
    expect(config.databases.recovery).to.equal('postgres://db/recovery');
  });

  it('selects Azure Key Vault from the environment', () => {
    const config = loadConfig(
      {},
      { OPENMBAM_KEY_VAULT_URL: 'https://kv.vault.azure.net', OPENMBAM_KEY_VAULT_KEY: 'openmbam-kek' },
      cwd,
    );
    expect(config.keyEncryptionKey).to.deep.equal({
      provider: 'azure-key-vault',
      vaultUrl: 'https://kv.vault.azure.net',
      keyName: 'openmbam-kek',
    });
  });

  it('reads the trusted proxy setting from the environment', () => {
    expect(loadConfig({}, { OPENMBAM_TRUST_PROXY: 'true' }, cwd).trustProxy).to.equal(true);
    expect(loadConfig({}, { OPENMBAM_TRUST_PROXY: '10.0.0.0/8' }, cwd).trustProxy).to.equal('10.0.0.0/8');
    expect(loadConfig({}, {}, cwd).trustProxy).to.equal(undefined);
  });

  it('names the setting and the problem when a value is wrong', () => {
    expect(() => loadConfig({}, { OPENMBAM_PORT: '99999' }, cwd)).to.throw(/Configuration \/port is invalid/);
    expect(() => loadConfig({}, { OPENMBAM_LOG_LEVEL: 'loud' }, cwd)).to.throw(/\/logLevel/);
    writeFileSync(join(cwd, 'bad.json'), '{"port": ');
    expect(() => loadConfig({ configFile: 'bad.json' }, {}, cwd)).to.throw(
      /is not valid JSON.*Expected e\.g\./,
    );
    expect(() => loadConfig({ configFile: 'missing.json' }, {}, cwd)).to.throw(/does not exist/);
    writeFileSync(join(cwd, 'extra.json'), JSON.stringify({ prot: 1 }));
    expect(() => loadConfig({ configFile: 'extra.json' }, {}, cwd)).to.throw(/Configuration/);
  });

  it('reads the UPN suffix → NetBIOS domain map, and refuses a domain that is not a NetBIOS name', () => {
    writeFileSync(join(cwd, 'upn.json'), JSON.stringify({ upnDomains: { 'contoso.com': 'CONTOSO' } }));
    expect(loadConfig({ configFile: 'upn.json' }, {}, cwd).upnDomains).to.deep.equal({
      'contoso.com': 'CONTOSO',
    });
    writeFileSync(
      join(cwd, 'upn-bad.json'),
      JSON.stringify({ upnDomains: { 'contoso.com': 'contoso.com' } }),
    );
    expect(() => loadConfig({ configFile: 'upn-bad.json' }, {}, cwd)).to.throw(/\/upnDomains/);
    writeFileSync(
      join(cwd, 'upn-long.json'),
      JSON.stringify({ upnDomains: { 'contoso.com': 'A-NAME-LONGER-THAN-15' } }),
    );
    expect(() => loadConfig({ configFile: 'upn-long.json' }, {}, cwd)).to.throw(/\/upnDomains/);
  });
});
