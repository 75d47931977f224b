// `openmbam keys rotate-kek`: new key encryption key, every data key re-wrapped, server keeps running.
import type { Command } from 'commander';
import { rotateKeyEncryptionKey } from '../../keys/rotate-kek';
import { type DataOptions, configFrom, stdout, withDataOptions, withJson } from '../options';
import { withServices } from '../with-services';

export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('the key encryption key that protects recovery secrets');
  withJson(withDataOptions(keys.command('rotate-kek')))
    .description(
      'make a new KEK current (local key file; Key Vault: rotate the key in the vault first) and re-wrap every data key',
    )
    .action(async (opts: DataOptions) => {
      const config = configFrom(opts);
      const result = await withServices(config, (s) =>
        rotateKeyEncryptionKey(config, s.dbs.recovery, s.sealer, () => s.provider.currentKekId()),
      );
      if (opts.json) return stdout.json(result);
      stdout.line(`Key encryption key is now ${result.currentKekId}.`);
      stdout.line(
        `${result.rewrapped} data key(s) re-wrapped, ${result.alreadyCurrent} already current, ${result.skipped} changed meanwhile (run again to finish).`,
      );
    });
}
