// Labels of the 24 PCR checkboxes (PCR 0–23), shared by the three platform validation policies.
const PCR_NAMES: readonly string[] = [
  'Core Root of Trust of Measurement, EFI boot and run-time services, EFI drivers embedded in system ROM, ACPI static tables, embedded SMM code, and BIOS code',
  'Platform and motherboard configuration and data',
  'Option ROM code',
  'Option ROM data and configuration',
  'Master Boot Record (MBR) code or code from other boot devices',
  'Master Boot Record (MBR) partition table',
  'State transition and wake events',
  'Computer manufacturer-specific',
  'NTFS boot sector',
  'NTFS boot block',
  'Boot manager',
  'BitLocker access control',
  'Reserved for future use',
  'Reserved for future use',
  'Reserved for future use',
  'Reserved for future use',
  'Reserved for future use',
  'Reserved for future use',
  'Reserved for future use',
  'Reserved for future use',
  'Reserved for future use',
  'Reserved for future use',
  'Reserved for future use',
  'Reserved for future use',
];

export function pcrLabels(policy: string): Record<string, string> {
  return Object.fromEntries(PCR_NAMES.map((n, i) => [`${policy}_PCR${i}`, `PCR ${i}: ${n}`]));
}
