// `openmbam user add|list|token create`: local accounts for the embedded default, and their personal
// API tokens for automation.
import type { Command } from 'commander';
import { UserError } from '../../errors';
import { createApiToken } from '../../people/api-tokens';
import { findLocalUser } from '../../people/local-user-repository';
import { localPrincipal } from '../../people/local-sign-in';
import { addLocalUser, listLocalUsers, parseRoles } from '../../people/local-users';
import { type DataOptions, configFrom, parseCount, stdout, withDataOptions, withJson } from '../options';
import { withServices } from '../with-services';

export function registerUserCommands(program: Command): Command {
  const user = program
    .command('user')
    .description('local accounts (sign-in without an OpenID Connect provider)');

  withJson(withDataOptions(user.command('add')))
    .description('add a local account; its one-time password is printed once')
    .argument('<name>', 'user name, e.g. alice')
    .option('--role <role...>', 'Helpdesk, "Advanced Helpdesk", "Report Users", "System Administrators"', [])
    .option('--display-name <text>', 'name shown in the portals')
    .action(async (name: string, opts: DataOptions & { role: string[]; displayName?: string }) => {
      const roles = parseRoles(opts.role);
      const result = await withServices(configFrom(opts), (s) =>
        addLocalUser(s.dbs.recovery, { userName: name, displayName: opts.displayName, roles }),
      );
      if (opts.json) return stdout.json(result);
      stdout.line(
        `User ${result.user.userName} added with roles: ${roles.join(', ') || '(none: Self-Service only)'}`,
      );
      stdout.line(`one-time password: ${result.oneTimePassword}  (must be changed at first sign-in)`);
    });

  withJson(withDataOptions(user.command('list')))
    .description('list local accounts')
    .action(async (opts: DataOptions) => {
      const users = await withServices(configFrom(opts), (s) => listLocalUsers(s.dbs.recovery));
      if (opts.json) return stdout.json({ users });
      for (const u of users)
        stdout.line(`${u.userName}  ${u.roles.join(', ') || '-'}${u.disabled ? '  (disabled)' : ''}`);
    });
  withJson(withDataOptions(user.command('token').command('create')))
    .description("create a personal API token carrying the user's roles; it is printed once")
    .requiredOption('--user <name>', 'the local user the token acts as')
    .option('--label <text>', 'where the token is used', 'command line')
    .option('--expires-in-days <days>', 'days until it expires (default: never)')
    .action(async (opts: DataOptions & { user: string; label: string; expiresInDays?: string }) => {
      const expiresInDays =
        opts.expiresInDays === undefined ? null : parseCount(opts.expiresInDays, '--expires-in-days');
      const result = await withServices(configFrom(opts), async (s) => {
        const row = await findLocalUser(s.dbs.recovery, opts.user);
        if (!row || row.disabled_at !== null) {
          throw new UserError(
            'invalid_argument',
            `No enabled local user is named "${opts.user}"; see \`openmbam user list\`.`,
            { field: '--user' },
          );
        }
        return createApiToken(s.dbs.recovery, localPrincipal(row), { label: opts.label, expiresInDays });
      });
      if (opts.json) return stdout.json(result);
      stdout.line(
        `API token "${result.apiToken.label}" for ${result.apiToken.ownerName} (id ${result.apiToken.id})`,
      );
      stdout.line(`token: ${result.token}  (shown only now; send it as "Authorization: Bearer <token>")`);
    });
  return user;
}
