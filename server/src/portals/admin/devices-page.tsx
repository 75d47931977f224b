import type { DeviceSummary } from '../../devices/device-list';
import { Layout, ListTable, Notice, RowAction, shortTime } from '../shell';
import { AdminNav } from './admin-nav';

export function DevicesPage(props: { devices: DeviceSummary[]; done: 'revoked' | null }) {
  return (
    <Layout
      title="Devices"
      lead="Each enrolled MBAM client signs its calls with its own key. A revoked device can no longer escrow keys or report status; its escrowed keys stay recoverable."
    >
      <AdminNav />
      {props.done === 'revoked' ? <Notice kind="success">The device was revoked.</Notice> : null}
      {props.devices.length === 0 ? (
        <p>No device has enrolled yet.</p>
      ) : (
        <ListTable
          caption="Enrolled devices"
          captionHidden
          columns={['Computer', 'Device id', 'Enrolled', 'Last contact', 'State']}
          actions
        >
          {props.devices.map((d) => (
            <tr key={d.id}>
              <td data-label="Computer">{d.computer}</td>
              <td data-label="Device id" class="mono">
                {d.id}
              </td>
              <td data-label="Enrolled">{shortTime(d.enrolledAt)}</td>
              <td data-label="Last contact">{shortTime(d.lastContactAt)}</td>
              <td data-label="State">
                <span class="badge">{d.revokedAt ? 'revoked' : 'active'}</span>
              </td>
              <td class="actions-cell">
                {d.revokedAt ? null : (
                  <RowAction
                    action={`/admin/devices/${d.id}/revoke`}
                    label="Revoke"
                    aria-label={`Revoke device ${d.computer}`}
                  />
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
    </Layout>
  );
}
