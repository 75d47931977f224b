// Enrolled devices as administrators see them (admin portal, admin API, `openmbam device list`), with
// the computer's last contact from the Compliance and Audit Database.
import type { Databases } from '../db/databases';
import { listLastContacts } from '../status/compliance-repository';
import { listDevices } from './device-repository';

export interface DeviceSummary {
  id: string;
  computer: string;
  enrolledAt: string;
  /** the computer's last status report, from any of its devices */
  lastContactAt: string | null;
  revokedAt: string | null;
}

export async function listDeviceSummaries(
  dbs: Pick<Databases, 'recovery' | 'compliance'>,
): Promise<DeviceSummary[]> {
  const devices = await listDevices(dbs.recovery);
  const contacts = await listLastContacts(dbs.compliance);
  return devices.map((d) => ({
    id: d.id,
    computer: d.domain ? `${d.domain}\\${d.computer_name}` : d.computer_name,
    enrolledAt: d.enrolled_at,
    lastContactAt: contacts.get(d.machine_id) ?? null,
    revokedAt: d.revoked_at,
  }));
}
