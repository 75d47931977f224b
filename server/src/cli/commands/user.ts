// `openmbam user add|list`: local accounts for the embedded default.
import type { Command } from 'commander';
import { addLocalUser, listLocalUsers, parseRoles } from '../../people/local-users';
import { type DataOptions, configFrom, stdout, withDataOptions, withJson } from '../options';
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
  return user;
}
