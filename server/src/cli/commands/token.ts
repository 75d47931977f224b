// `openmbam token create|list|revoke`: enrollment tokens for agents.
import type { Command } from 'commander';
import { createEnrollmentToken, listEnrollmentTokens, revokeEnrollmentToken } from '../../enrollment/tokens';
import { parseDurationSeconds } from '../../shared/duration';
import {
  type DataOptions,
  configFrom,
  parseCount,
  parseText,
  stdout,
  withDataOptions,
  withJson,
} from '../options';
import { withServices } from '../with-services';

export function registerTokenCommands(program: Command): void {
  const token = program
    .command('token')
    .description('enrollment tokens the client installer gives to agents');

  withJson(withDataOptions(token.command('create')))
    .description('create a token; it is printed once and only its hash is stored')
    .option('--expires <duration>', 'lifetime: 30m, 12h, 7d, 2w', '7d')
    .option('--uses <n>', 'how many agents may enroll with it', '1')
    .option('--label <text>', 'a note for administrators', '')
    .option(
      '--allow-reenrollment',
      'may enroll computers that are already known (their earlier devices are revoked)',
    )
    .action(
      async (
        opts: DataOptions & { expires: string; uses: string; label: string; allowReenrollment?: boolean },
      ) => {
        // the same ceilings as the administration API and portal (a year, 200 characters)
        const expiresInSeconds = parseDurationSeconds(opts.expires, '--expires', {
          seconds: 365 * 86_400,
          text: '365d',
        });
        const uses = parseCount(opts.uses, '--uses');
        const label = parseText(opts.label, '--label', {
          min: 0,
          max: 200,
          example: 'Berlin office rollout',
        });
        const { token: value, enrollmentToken } = await withServices(configFrom(opts), (s) =>
          createEnrollmentToken(s.dbs.recovery, {
            expiresInSeconds,
            uses,
            label,
            allowReenrollment: opts.allowReenrollment === true,
          }),
        );
        if (opts.json) return stdout.json({ token: value, ...enrollmentToken });
        stdout.line(value);
        stdout.line(`id ${enrollmentToken.id}, ${uses} use(s), expires ${enrollmentToken.expiresAt}`);
      },
    );

  withJson(withDataOptions(token.command('list')))
    .description('list tokens (never their values)')
    .action(async (opts: DataOptions) => {
      const tokens = await withServices(configFrom(opts), (s) => listEnrollmentTokens(s.dbs.recovery));
      if (opts.json) return stdout.json({ tokens });
      if (tokens.length === 0) return stdout.line('No enrollment tokens.');
      for (const t of tokens) {
        stdout.line(
          `${t.id}  ${t.state.padEnd(8)} ${t.uses}/${t.maxUses} uses  expires ${t.expiresAt}  ${t.label}`,
        );
      }
    });

  withJson(withDataOptions(token.command('revoke')))
    .description('revoke a token so no further agent can enroll with it')
    .argument('<id>', 'token id from `token list`')
    .action(async (id: string, opts: DataOptions) => {
      await withServices(configFrom(opts), (s) => revokeEnrollmentToken(s.dbs.recovery, id));
      if (opts.json) return stdout.json({ id, revoked: true });
      stdout.line(`Token ${id} revoked.`);
    });
}
