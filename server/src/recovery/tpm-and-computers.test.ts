// Manage TPM and the Advanced Helpdesk computer listing, on every dialect.
import { expect } from 'chai';
import { listAuditEntries } from '../audit/audit-log';
import { UserError } from '../errors';
import { TEST_DIALECTS } from '../test-support/dialects';
import { type TestServer, removeDataDir, startTestServer } from '../test-support/server';
import { recoverDriveKey } from './drive-recovery';
import { type SeededComputer, advanced, depsFor, helpdesk, seedComputer } from './test-fixtures';
import { discloseTpmOwnerAuth, listComputerKeys } from './tpm-and-computers';

const rejection = (p: Promise<unknown>): Promise<UserError> =>
  p.then(
    () => {
      throw new Error('expected a UserError');
    },
    (error: unknown) => {
      if (error instanceof UserError) return error;
      throw error;
    },
  );

for (const dialect of TEST_DIALECTS) {
  describe(`recovery services: Manage TPM and computer keys (${dialect})`, function () {
    let server: TestServer;
    let pc: SeededComputer;
    before(async () => {
      server = await startTestServer({ dialect });
      pc = await seedComputer(server, { users: ['CONTOSO\\erin'], keyIds: undefined });
    });
    after(async () => {
      await server.stop();
      removeDataDir(server.dataDir);
    });

    it('Advanced Helpdesk gets the TPM owner authorization by computer alone; audited without the secret', async () => {
      const deps = depsFor(server);
      const result = await discloseTpmOwnerAuth(deps, advanced(), {
        domain: 'CONTOSO.COM',
        computerName: pc.computerName.toLowerCase(),
        reason: 'ResetPinLockout',
      });
      expect(result.ownerAuth === pc.tpmOwnerAuth).to.equal(true);
      expect(result).to.deep.include({ computerName: pc.computerName, domain: 'contoso.com' });
      const entry = (await listAuditEntries(deps.dbs.compliance)).at(-1)!;
      expect(entry).to.deep.include({
        action: 'helpdesk.tpm-owner-auth',
        targetComputer: `contoso.com\\${pc.computerName}`,
        reason: 'Reset PIN lockout',
        result: 'disclosed',
      });
      expect(JSON.stringify(entry)).not.to.contain(pc.tpmOwnerAuth);
    });

    it('Helpdesk needs a user of that computer; unknown computers and missing owner auth are clear misses', async () => {
      const deps = depsFor(server);
      const input = { domain: 'contoso.com', computerName: pc.computerName, reason: 'ClearTpm' };
      expect(await rejection(discloseTpmOwnerAuth(deps, helpdesk(), input))).to.include({
        code: 'validation_failed',
      });
      const stranger = await rejection(
        discloseTpmOwnerAuth(deps, helpdesk(), {
          ...input,
          endUser: { domain: 'CONTOSO', userName: 'mallory' },
        }),
      );
      expect(stranger.code).to.equal('forbidden');
      const ok = await discloseTpmOwnerAuth(deps, helpdesk(), {
        ...input,
        endUser: { domain: 'CONTOSO', userName: 'erin' },
      });
      expect(ok.ownerAuth === pc.tpmOwnerAuth).to.equal(true);

      const unknown = await rejection(
        discloseTpmOwnerAuth(deps, advanced(), { ...input, computerName: 'NO-SUCH-PC' }),
      );
      expect(unknown).to.include({ code: 'not_found', field: 'computerName' });
      const noTpm = await seedComputer(server, { users: ['CONTOSO\\erin'], tpmOwnerAuth: false });
      const missing = await rejection(
        discloseTpmOwnerAuth(deps, advanced(), { ...input, computerName: noTpm.computerName }),
      );
      expect(missing.message).to.match(/No TPM owner authorization is escrowed/);
      const bad = await rejection(
        discloseTpmOwnerAuth(deps, advanced(), { ...input, computerName: 'PC 1; drop' }),
      );
      expect(bad).to.include({ code: 'validation_failed', field: 'computerName' });
      const results = (await listAuditEntries(deps.dbs.compliance)).slice(-4).map((e) => e.result);
      expect(results).to.deep.equal(['forbidden', 'disclosed', 'no-match', 'no-match']);
    });

    it('lists a computer’s volumes and key ids for Advanced Helpdesk only, with disclosure state and no secret', async () => {
      const deps = depsFor(server);
      await recoverDriveKey(deps, advanced(), { keyId: pc.keys[0]!.keyId, reason: 'LostPin' });
      const listed = await listComputerKeys(deps, advanced(), {
        domain: 'contoso.com',
        computerName: pc.computerName,
      });
      expect(listed.tpm).to.deep.equal({ present: true, version: '2.0', ownerAuthEscrowed: true });
      expect(listed.keys).to.have.length(1);
      expect(listed.keys[0]).to.deep.include({
        keyId: pc.keys[0]!.keyId,
        volumeId: pc.keys[0]!.volumeId,
        rotatedAt: null,
      });
      expect(listed.keys[0]!.disclosedAt).to.be.a('string');
      expect(JSON.stringify(listed)).not.to.contain(pc.keys[0]!.recoveryPassword);
      expect((await listAuditEntries(deps.dbs.compliance)).at(-1)).to.deep.include({
        action: 'helpdesk.computer-keys',
        result: 'listed',
      });
      const refused = await rejection(
        listComputerKeys(deps, helpdesk(), { domain: 'contoso.com', computerName: pc.computerName }),
      );
      expect(refused.code).to.equal('forbidden');
    });
  });
}
