// `openmbam user add|list|token create`: local accounts for the embedded default, and their personal
// API tokens for automation.
import type { Command } from 'commander';
import { UserError, truncateForMessage } from '../../errors';
import { createApiToken } from '../../people/api-tokens';
import { findLocalUser } from '../../people/local-user-repository';
import { localPrincipal } from '../../people/local-sign-in';
import { addLocalUser, listLocalUsers, parseRoles } from '../../people/local-users';
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

/** parseRoles, with the flag named in its refusal (the service's message serves the API too). */
function parseRolesFlag(values: string[]) {
  try {
    return parseRoles(values);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError(error.code, `--role: ${error.message}`, { field: '--role', cause: error });
  }
}

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
      const roles = parseRolesFlag(opts.role);
      // checked here too, so a refusal names the flag (the service names the API's field)
      if (opts.displayName !== undefined) {
        parseText(opts.displayName, '--display-name', { min: 0, max: 256, example: 'Alice Smith' });
      }
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
      // checked here too, so a refusal names the flag (the service names the API's fields)
      const label = parseText(opts.label, '--label', { min: 1, max: 100, example: 'nightly export' });
      const expiresInDays =
        opts.expiresInDays === undefined ? null : parseCount(opts.expiresInDays, '--expires-in-days', 730);
      const result = await withServices(configFrom(opts), async (s) => {
        const row = await findLocalUser(s.dbs.recovery, opts.user);
        if (!row || row.disabled_at !== null) {
          throw new UserError(
            'invalid_argument',
            `--user must name an enabled local user; none is named "${truncateForMessage(opts.user)}" (see \`openmbam user list\`).`,
            { field: '--user' },
          );
        }
        return createApiToken(s.dbs.recovery, localPrincipal(row), { label, expiresInDays });
      });
      if (opts.json) return stdout.json(result);
      stdout.line(
        `API token "${result.apiToken.label}" for ${result.apiToken.ownerName} (id ${result.apiToken.id})`,
      );
      stdout.line(`token: ${result.token}  (shown only now; send it as "Authorization: Bearer <token>")`);
    });
  return user;
}
