// `openmbam device list|revoke`: enrolled agents; a revoked device can no longer call the server.
import type { Command } from 'commander';
import { listDeviceSummaries } from '../../devices/device-list';
import { revokeDevice } from '../../devices/device-repository';
import { UserError } from '../../errors';
import { isoNow } from '../../shared/clock';
import { type DataOptions, configFrom, stdout, withDataOptions, withJson } from '../options';
import { withServices } from '../with-services';

export function registerDeviceCommands(program: Command): void {
  const device = program.command('device').description('enrolled agents (devices)');

  withJson(withDataOptions(device.command('list')))
    .description('list devices')
    .action(async (opts: DataOptions) => {
      const devices = await withServices(configFrom(opts), (s) => listDeviceSummaries(s.dbs));
      if (opts.json) return stdout.json({ devices });
      if (devices.length === 0) return stdout.line('No devices enrolled.');
      for (const d of devices) {
        stdout.line(
          `${d.id}  ${d.computer}  enrolled ${d.enrolledAt}${d.revokedAt ? `  REVOKED ${d.revokedAt}` : ''}`,
        );
      }
    });

  withJson(withDataOptions(device.command('revoke')))
    .description('revoke a device: its proofs are refused from now on')
    .argument('<id>', 'device id from `device list`')
    .action(async (id: string, opts: DataOptions) => {
      const revoked = await withServices(configFrom(opts), (s) => revokeDevice(s.dbs.recovery, id, isoNow()));
      if (!revoked) {
        throw new UserError('not_found', `No active device has id "${id}"; see \`openmbam device list\`.`, {
          field: 'id',
        });
      }
      if (opts.json) return stdout.json({ id, revoked: true });
      stdout.line(`Device ${id} revoked.`);
    });
}
