import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { PlatformError, describeError } from '../../errors';
import { WindowsPlatform } from './windows-platform';
import { powerShellArguments, psString, type PowerShellResult, type RunPowerShell } from './powershell';
import { volumeMethodScript } from './scripts';

const recorded = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const VOLUME = '{90DC9AB6-791D-46F6-ADE8-E6D3201BAF52}';
const PROTECTOR = '{8A696888-99A7-4FAC-92C7-6CC497EA7BDF}';

/** A PowerShell stand-in that records each script and answers with recorded outputs in order. */
function replay(...outputs: string[]): { run: RunPowerShell; scripts: string[] } {
  const scripts: string[] = [];
  const run: RunPowerShell = async (script) => {
    scripts.push(script);
    return { stdout: outputs.shift() ?? '', stderr: '', exitCode: 0 };
  };
  return { run, scripts };
}

describe('WindowsPlatform (PowerShell seam with recorded outputs)', () => {
  it('reads volumes through CIM method calls and reports unreadable ones as problems', async () => {
    const { run, scripts } = replay(recorded('volumes-partly-unreadable.json'));
    const problems: string[] = [];
    const volumes = await new WindowsPlatform({ run, onProblem: (p) => problems.push(p) }).getVolumes();
    expect(volumes.map((v) => v.volumeId)).to.deep.equal([VOLUME]);
    expect(problems).to.have.length(3);
    for (const method of [
      'GetLockStatus',
      'GetConversionStatus',
      'GetProtectionStatus',
      'GetEncryptionMethod',
      'GetKeyProtectors',
      'GetKeyProtectorType',
      'IsAutoUnlockEnabled',
    ])
      expect(scripts[0]).to.contain(`-MethodName ${method}`);
    expect(scripts[0]).to.contain('ConvertTo-Json -InputObject $list -Depth 4 -Compress');
  });

  it('adds a numerical password on the volume named by its DeviceID and returns the new id', async () => {
    const { run, scripts } = replay(recorded('method-protect-numerical-password.json'));
    const id = await new WindowsPlatform({ run }).addRecoveryPasswordProtector(VOLUME);
    expect(id).to.equal('{D3675C82-C9C4-46C2-8417-667B37485C04}');
    expect(scripts[0]).to.contain("$_.DeviceID -eq '\\\\?\\Volume{90dc9ab6-791d-46f6-ade8-e6d3201baf52}\\'");
    expect(scripts[0]).to.contain(
      "-MethodName ProtectKeyWithNumericalPassword -Arguments @{ FriendlyName = 'OpenMBAM' }",
    );
  });

  it('reads a recovery password and key package without putting a secret in the script', async () => {
    const { run, scripts } = replay(
      recorded('method-get-numerical-password.json'),
      recorded('method-get-key-package.json'),
    );
    const platform = new WindowsPlatform({ run });
    expect(await platform.getRecoveryPassword(VOLUME, PROTECTOR)).to.equal(
      '254793-568007-425557-712855-251119-474815-445082-696212',
    );
    expect(await platform.getKeyPackage(VOLUME, PROTECTOR)).to.equal('AAECAwQFBgcICQ==');
    expect(scripts[0]).to.contain(`VolumeKeyProtectorID = '${PROTECTOR}'`);
    expect(scripts[1]).to.contain('[Convert]::ToBase64String([byte[]]$r.KeyPackage)');
  });

  it('starts encryption with the WMI method number and the used-space-only flag', async () => {
    const { run, scripts } = replay(recorded('method-ok.json'));
    await new WindowsPlatform({ run }).startEncryption(VOLUME, { method: 'XtsAes256', usedSpaceOnly: true });
    expect(scripts[0]).to.contain(
      '-MethodName Encrypt -Arguments @{ EncryptionMethod = [uint32]7; EncryptionFlags = [uint32]1 }',
    );
  });

  it('fails a protector deletion with the HRESULT name, and never on a password text that is not JSON', async () => {
    const { run } = replay(recorded('method-delete-protector-not-found.json'), 'Password: 254793-568007-…');
    const platform = new WindowsPlatform({ run });
    await platform.deleteKeyProtector(VOLUME, PROTECTOR).then(
      () => expect.fail('should fail'),
      (e: PlatformError) => expect(e.message).to.contain('FVE_E_PROTECTOR_NOT_FOUND'),
    );
    await platform.getRecoveryPassword(VOLUME, PROTECTOR).then(
      () => expect.fail('should fail'),
      (e: PlatformError) => {
        expect(e.code).to.equal('platform_unexpected_output');
        expect(e.message).not.to.contain('254793');
      },
    );
  });

  it('reports a failing PowerShell with its exit code and error text', async () => {
    const run: RunPowerShell = async () => ({
      stdout: '',
      stderr: 'Get-CimInstance : Invalid class',
      exitCode: 1,
    });
    await new WindowsPlatform({ run }).getTpm().then(
      () => expect.fail('should fail'),
      (e: PlatformError) =>
        expect(e.message).to.match(
          /PowerShell failed to read the TPM \(exit code 1\): Get-CimInstance : Invalid class/,
        ),
    );
  });

  it('repeats no recovery password that PowerShell printed instead of JSON or on stderr', async () => {
    const warning = recorded('real-text-enable-bitlocker-warning-msdocs.txt');
    const answers: PowerShellResult[] = [
      { stdout: warning, stderr: '', exitCode: 0 },
      { stdout: '', stderr: `Add-BitLockerKeyProtector : ${warning}`, exitCode: 1 },
    ];
    const run: RunPowerShell = async () => answers.shift()!;
    const platform = new WindowsPlatform({ run });
    for (const expected of [
      /not JSON .*got: \s*WARNING: ACTIONS REQUIRED/s,
      /exit code 1.*<redacted digits>/s,
    ])
      await platform.getTpm().then(
        () => expect.fail('should fail'),
        (e: PlatformError) => {
          expect(e.message).to.match(expected);
          expect(describeError(e)).not.to.contain('271733-258533');
        },
      );
  });

  it('shows no error text of a failed call whose answer may hold a secret', async () => {
    const run: RunPowerShell = async () => ({
      stdout: '',
      stderr: 'OwnerAuth k4VbIXhEdeIcSxx9+ECnrhF5bVw=',
      exitCode: 1,
    });
    await new WindowsPlatform({ run }).getTpmOwnerAuth().then(
      () => expect.fail('should fail'),
      (e: PlatformError) =>
        expect(e.message).to.equal(
          'PowerShell failed to read the TPM owner authorization (exit code 1): 38 characters of error text, not shown',
        ),
    );
  });

  it('reads registry keys, machine, TPM and users from recordings', async () => {
    const { run, scripts } = replay(
      recorded('registry-mbam-gpo.json'),
      recorded('machine-domain.json'),
      recorded('tpm-absent.json'),
      recorded('users-console-rdp.json'),
    );
    const p = new WindowsPlatform({ run });
    const reg = await p.readRegistry(['SOFTWARE\\Policies\\Microsoft\\FVE']);
    expect(reg['SOFTWARE\\Policies\\Microsoft\\FVE']).to.include({ UseTPM: 1 });
    expect(scripts[0]).to.contain("foreach ($k in @('SOFTWARE\\Policies\\Microsoft\\FVE'))");
    expect((await p.getMachineIdentity()).computerName).to.equal('PC-0042');
    expect((await p.getTpm()).present).to.equal(false);
    expect(await p.getLoggedOnUsers()).to.have.length(3);
    expect(scripts[3]).to.contain("-Name 'UserExemption'");
  });

  it('builds command lines that cannot be broken by quoting', () => {
    expect(psString("it's")).to.equal("'it''s'");
    expect(() => psString('a\nb')).to.throw(PlatformError);
    expect(() => volumeMethodScript("{x}'; Remove-Item C:\\ -Recurse; '", 'DeleteKeyProtector')).to.throw(
      PlatformError,
      /not a volume GUID/,
    );
    expect(() =>
      volumeMethodScript(VOLUME, 'DeleteKeyProtector', {
        VolumeKeyProtectorID: { kind: 'guid', value: "'; evil" },
      }),
    ).to.throw(PlatformError);
    const args = powerShellArguments('Get-Date');
    expect(args.slice(0, 5)).to.deep.equal([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
    ]);
    expect(Buffer.from(args[5]!, 'base64').toString('utf16le')).to.match(
      /^\$ErrorActionPreference = 'Stop'.*UTF8.*Get-Date$/,
    );
  });
});
