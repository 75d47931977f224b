// SQL Server cannot run here, so its part of the dialect matrix is the SQL the data layer compiles:
// every migration statement and the queries of the agent protocol, checked for SQL Server's forms.
import { expect } from 'chai';
import type { ComplianceDatabase } from './compliance-database';
import { parseConnectionString } from './connection';
import { dumpMigrationSql, recordingKysely } from './migration-sql';
import { loadTedious } from './open-database';
import type { RecoveryDatabase } from './recovery-database';
import { consumeToken } from '../enrollment/token-repository';
import { listProtectorsToRotate, upsertTpmOwnerAuth } from '../escrow/key-protector-repository';
import { upsertMachineCompliance } from '../status/compliance-repository';

describe('data layer on SQL Server (compiled SQL)', () => {
  it('creates every table of both databases with SQL Server types', async () => {
    const scripts = await dumpMigrationSql('mssql');
    const all = scripts.flatMap((s) => s.statements).join('\n');
    for (const table of [
      'machines',
      'devices',
      'enrollment_tokens',
      'volumes',
      'key_protectors',
      'tpm_owner_auth',
      'local_users',
    ]) {
      expect(all).to.include(`create table "${table}"`);
    }
    for (const table of [
      'status_reports',
      'machine_compliance',
      'volume_compliance',
      'machine_users',
      'device_proof_nonces',
      'audit_log',
    ]) {
      expect(all).to.include(`create table "${table}"`);
    }
    expect(all).to.include('"recovery_password_ciphertext" varbinary(max) not null');
    expect(all).to.include('"report_json" nvarchar(max) not null');
    expect(all).to.include('"key_protector_id" nvarchar(38) not null');
    // SQL Server cannot index (max) columns, nor has it these types:
    expect(all).to.not.match(/\b(bytea|blob|text)\b(?!\))/);
    for (const statement of scripts.flatMap((s) => s.statements)) {
      const indexed = /create (unique )?index .* \("([a-z_]+)"/.exec(statement);
      if (indexed) expect(all).to.not.include(`"${indexed[2]}" nvarchar(max)`);
    }
  });

  it('compiles the same migrations for PostgreSQL and SQLite with their own types', async () => {
    const pg = (await dumpMigrationSql('postgres')).flatMap((s) => s.statements).join('\n');
    const lite = (await dumpMigrationSql('sqlite')).flatMap((s) => s.statements).join('\n');
    expect(pg).to.include('"recovery_password_ciphertext" bytea not null');
    expect(lite).to.include('"recovery_password_ciphertext" blob not null');
  });

  it('compiles the protocol queries with SQL Server parameters and no LIMIT', async () => {
    const { db, statements } = recordingKysely<RecoveryDatabase>('mssql');
    await consumeToken(db, 'token-id', '2026-11-28T00:00:00.000Z');
    await listProtectorsToRotate(db, 'machine-id');
    await upsertTpmOwnerAuth(db, {
      machine_id: 'm',
      ciphertext: new Uint8Array(1),
      wrapped_key: new Uint8Array(1),
      kek_id: 'k',
      updated_at: 'now',
    });
    const compliance = recordingKysely<ComplianceDatabase>('mssql');
    await upsertMachineCompliance(compliance.db, {
      machine_id: 'm',
      computer_name: 'PC',
      domain: 'contoso.com',
      manufacturer: '',
      model: '',
      os_version: '',
      compliant: 1,
      noncompliant_volumes: 0,
      tpm_present: 1,
      tpm_ready: 1,
      tpm_version: null,
      agent_version: '1',
      policy_hash: 'h',
      last_contact_at: 'now',
    });
    const sql = [...statements, ...compliance.statements].map((s) => s.sql);
    expect(sql[0]).to.equal(
      'update "enrollment_tokens" set "uses" = "uses" + @1 where "id" = @2 and "revoked_at" is null and "expires_at" > @3 and "uses" < "max_uses"',
    );
    expect(sql[1]).to.equal(
      'select "key_protector_id" from "key_protectors" where "machine_id" = @1 and "disclosed_at" is not null and "rotated_at" is null order by "key_protector_id"',
    );
    expect(sql.join('\n')).to.not.match(/\blimit\b|\$\d|\?/i);
  });

  it('loads tedious for SQL Server on demand', () => {
    expect(loadTedious().Connection).to.be.a('function');
  });

  it('reads SQL Server connection strings, and refuses unknown schemes with an example', () => {
    expect(
      parseConnectionString('mssql://mbam:s%40cret@sql01:1433/MBAM%20Recovery?encrypt=true', 'x'),
    ).to.deep.equal({
      dialect: 'mssql',
      server: 'sql01',
      port: 1433,
      database: 'MBAM Recovery',
      userName: 'mbam',
      password: 's@cret',
      encrypt: true,
      trustServerCertificate: false,
    });
    expect(() => parseConnectionString('mysql://x', 'databases.recovery')).to.throw(
      /unsupported scheme "mysql".*sqlite:/,
    );
    expect(() => parseConnectionString('mssql://sql01', 'databases.recovery')).to.throw(
      /host and a database/,
    );
  });
});
