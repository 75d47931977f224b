// The PowerShell the Windows platform runs. Each script prints one JSON document with raw WMI names
// (see wmi-schemas.ts). Values that reach a script are validated first (GUIDs, enum numbers, key paths)
// and then quoted with psString; secrets never appear in a script (they come back on stdout only).
import { isGuid } from '@openmbam/server/protocol';
import { PlatformError } from '../../errors';
import { psString } from './powershell';

const VOLUME_NS = 'root\\cimv2\\Security\\MicrosoftVolumeEncryption';
const TPM_NS = 'root\\cimv2\\Security\\MicrosoftTpm';

/** Every volume with its lock, conversion, protection, method, auto-unlock and protector ids and types. */
export const volumesScript = `
$ns = ${psString(VOLUME_NS)}
$list = @(Get-CimInstance -Namespace $ns -ClassName Win32_EncryptableVolume | ForEach-Object {
  $v = $_
  $lock = Invoke-CimMethod -InputObject $v -MethodName GetLockStatus
  $unlocked = ($lock.LockStatus -eq 0)
  $conv = if ($unlocked) { Invoke-CimMethod -InputObject $v -MethodName GetConversionStatus -Arguments @{ PrecisionFactor = [uint32]0 } } else { $null }
  $prot = Invoke-CimMethod -InputObject $v -MethodName GetProtectionStatus
  $meth = Invoke-CimMethod -InputObject $v -MethodName GetEncryptionMethod
  $au = if ($unlocked -and $v.VolumeType -ne 0) { Invoke-CimMethod -InputObject $v -MethodName IsAutoUnlockEnabled } else { $null }
  $ids = Invoke-CimMethod -InputObject $v -MethodName GetKeyProtectors -Arguments @{ KeyProtectorType = [uint32]0 }
  [pscustomobject]@{
    DeviceID = $v.DeviceID; DriveLetter = $v.DriveLetter; VolumeType = $v.VolumeType
    IsSystemDrive = ($v.DriveLetter -eq $env:SystemDrive)
    LockStatus = $lock.LockStatus
    ConversionStatus = $conv.ConversionStatus; EncryptionPercentage = $conv.EncryptionPercentage
    ProtectionStatus = $prot.ProtectionStatus; EncryptionMethod = $meth.EncryptionMethod
    AutoUnlockEnabled = $au.IsAutoUnlockEnabled
    GetKeyProtectorsReturnValue = $ids.ReturnValue
    KeyProtectors = @($ids.VolumeKeyProtectorID | Where-Object { $_ } | ForEach-Object {
      $t = Invoke-CimMethod -InputObject $v -MethodName GetKeyProtectorType -Arguments @{ VolumeKeyProtectorID = $_ }
      [pscustomobject]@{ KeyProtectorId = $_; KeyProtectorType = $t.KeyProtectorType }
    })
  }
})
ConvertTo-Json -InputObject $list -Depth 4 -Compress`;

export const tpmScript = `
$t = Get-CimInstance -Namespace ${psString(TPM_NS)} -ClassName Win32_Tpm -ErrorAction SilentlyContinue
if ($null -eq $t) { '{"TpmPresent":false}' } else {
  [pscustomobject]@{ TpmPresent = $true; IsEnabled_InitialValue = $t.IsEnabled_InitialValue
    IsActivated_InitialValue = $t.IsActivated_InitialValue; IsOwned_InitialValue = $t.IsOwned_InitialValue
    SpecVersion = $t.SpecVersion; ManufacturerId = $t.ManufacturerId } | ConvertTo-Json -Compress }`;

export const tpmOwnerAuthScript = `
$t = Get-CimInstance -Namespace ${psString(TPM_NS)} -ClassName Win32_Tpm -ErrorAction SilentlyContinue
if ($null -eq $t) { '{"ReturnValue":0,"OwnerAuth":null}' } else {
  $r = Invoke-CimMethod -InputObject $t -MethodName GetOwnerAuth
  [pscustomobject]@{ ReturnValue = $r.ReturnValue; OwnerAuth = $r.OwnerAuth } | ConvertTo-Json -Compress }`;

export const machineScript = `
$cs = Get-CimInstance -ClassName Win32_ComputerSystem
$os = Get-CimInstance -ClassName Win32_OperatingSystem
[pscustomobject]@{ Name = $cs.Name; Domain = $cs.Domain; PartOfDomain = $cs.PartOfDomain; DNSHostName = $cs.DNSHostName
  Manufacturer = $cs.Manufacturer; Model = $cs.Model; Version = $os.Version } | ConvertTo-Json -Compress`;

/** Interactive and RDP sessions with their accounts, and each user's MBAM exemption value (user policy hive). */
export function usersScript(exemptionKey: string, exemptionValueName: string): string {
  checkKeyPath(exemptionKey);
  return `
$list = @(Get-CimInstance -ClassName Win32_LogonSession -Filter 'LogonType = 2 OR LogonType = 10 OR LogonType = 11' | ForEach-Object {
  $s = $_
  Get-CimAssociatedInstance -InputObject $s -Association Win32_LoggedOnUser | ForEach-Object {
    $p = 'Registry::HKEY_USERS\\' + $_.SID + '\\' + ${psString(exemptionKey)}
    $e = (Get-ItemProperty -LiteralPath $p -Name ${psString(exemptionValueName)} -ErrorAction SilentlyContinue).${psString(exemptionValueName)}
    [pscustomobject]@{ Domain = $_.Domain; Name = $_.Name; LogonType = $s.LogonType; Exempt = $e }
  }
})
ConvertTo-Json -InputObject $list -Compress`;
}

export function registryScript(keys: readonly string[]): string {
  keys.forEach(checkKeyPath);
  return `
$out = [ordered]@{}
foreach ($k in @(${keys.map(psString).join(', ')})) {
  $p = 'Registry::HKEY_LOCAL_MACHINE\\' + $k
  if (Test-Path -LiteralPath $p) {
    $i = Get-Item -LiteralPath $p; $vals = [ordered]@{}
    foreach ($n in $i.GetValueNames()) { $vals[$n] = $i.GetValue($n) }
    $out[$k] = $vals
  } else { $out[$k] = $null }
}
ConvertTo-Json -InputObject $out -Depth 4 -Compress`;
}

export type VolumeMethod =
  | 'GetKeyProtectorNumericalPassword'
  | 'GetKeyPackage'
  | 'ProtectKeyWithNumericalPassword'
  | 'ProtectKeyWithTPM'
  | 'ProtectKeyWithExternalKey'
  | 'EnableAutoUnlock'
  | 'DeleteKeyProtector'
  | 'Encrypt'
  | 'ResumeConversion'
  | 'EnableKeyProtectors';

export type MethodArgument =
  { kind: 'guid'; value: string } | { kind: 'uint32'; value: number } | { kind: 'text'; value: string };

/** Calls one Win32_EncryptableVolume method on the volume `volumeId` and prints its HRESULT and out parameters. */
export function volumeMethodScript(
  volumeId: string,
  method: VolumeMethod,
  args: Record<string, MethodArgument> = {},
): string {
  if (!isGuid(volumeId)) throw new PlatformError('platform_command_failed', `not a volume GUID: ${volumeId}`);
  const deviceId = `\\\\?\\Volume{${volumeId.replace(/[{}]/g, '').toLowerCase()}}\\`;
  const argText = Object.entries(args)
    .map(([name, a]) => `${name} = ${renderArgument(name, a)}`)
    .join('; ');
  const post =
    method === 'GetKeyPackage'
      ? `$kp = if ($r.KeyPackage) { [Convert]::ToBase64String([byte[]]$r.KeyPackage) } else { $null }`
      : '$kp = $null';
  return `
$v = Get-CimInstance -Namespace ${psString(VOLUME_NS)} -ClassName Win32_EncryptableVolume | Where-Object { $_.DeviceID -eq ${psString(deviceId)} }
if ($null -eq $v) { '{"ReturnValue":2147942402}'; return }
$r = Invoke-CimMethod -InputObject $v -MethodName ${method}${argText ? ` -Arguments @{ ${argText} }` : ''}
${post}
[pscustomobject]@{ ReturnValue = $r.ReturnValue; VolumeKeyProtectorID = $r.VolumeKeyProtectorID
  NumericalPassword = $r.NumericalPassword; KeyPackage = $kp } | ConvertTo-Json -Compress`;
}

function renderArgument(name: string, a: MethodArgument): string {
  if (!/^[A-Za-z]+$/.test(name))
    throw new PlatformError('platform_command_failed', `bad WMI parameter name ${name}`);
  switch (a.kind) {
    case 'guid':
      if (!isGuid(a.value))
        throw new PlatformError('platform_command_failed', `${name} is not a GUID: ${a.value}`);
      return psString(a.value.startsWith('{') ? a.value : `{${a.value}}`);
    case 'uint32':
      if (!Number.isInteger(a.value) || a.value < 0 || a.value > 0xffffffff)
        throw new PlatformError('platform_command_failed', `${name} is not a uint32: ${a.value}`);
      return `[uint32]${a.value}`;
    case 'text':
      return psString(a.value);
  }
}

function checkKeyPath(key: string): void {
  if (!/^[A-Za-z0-9_ .\\-]+$/.test(key) || key.includes('..'))
    throw new PlatformError('platform_command_failed', `not a registry key path: ${key}`);
}
