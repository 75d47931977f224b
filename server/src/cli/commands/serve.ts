// `openmbam serve` (what `npm start` runs) and `openmbam migrate`.
import type { Command } from 'commander';
import { dumpMigrationSql } from '../../db/migration-sql';
import { type MigrationStep } from '../../db/databases';
import { UserError } from '../../errors';
import { startServer } from '../../runtime/server';
import { checkSqliteFiles, explainDatabaseFailure } from '../database-failure';
import { openCheckedServices } from '../with-services';
import { checkBeforeServing } from './serve-preflight';
import { type DataOptions, configFrom, stdout, withDataOptions, withJson } from '../options';

export function registerServeCommands(program: Command): void {
  withDataOptions(program.command('serve'))
    .description('run the Administration and Monitoring Server')
    .option('--port <port>', 'TCP port (default 8080)')
    .option('--host <address>', 'address to listen on (default 127.0.0.1)')
    .action(async (opts: DataOptions & { port?: string; host?: string }) => {
      const config = configFrom(opts);
      checkSqliteFiles(config);
      await checkBeforeServing(config);
      try {
        await startServer(config, { handleSignals: true });
      } catch (error) {
        throw explainDatabaseFailure(error);
      }
    });

  withJson(withDataOptions(program.command('migrate')))
    .description('bring both databases to the latest schema (serve does this too)')
    .option('--print-sql <dialect>', 'print the SQL of every migration for sqlite, postgres or mssql instead')
    .action(async (opts: DataOptions & { printSql?: string }) => {
      if (opts.printSql !== undefined) {
        if (!['sqlite', 'postgres', 'mssql'].includes(opts.printSql)) {
          throw new UserError(
            'invalid_argument',
            `--print-sql must be sqlite, postgres or mssql (got "${opts.printSql}").`,
            {
              field: '--print-sql',
            },
          );
        }
        const scripts = await dumpMigrationSql(opts.printSql as 'sqlite' | 'postgres' | 'mssql');
        if (opts.json) return stdout.json(scripts);
        for (const s of scripts)
          stdout.line(`-- ${s.database}: ${s.migration}\n${s.statements.join(';\n')};\n`);
        return;
      }
      const steps: MigrationStep[] = [];
      const services = await openCheckedServices(configFrom(opts), (step) => steps.push(step));
      await services.close();
      if (opts.json) return stdout.json({ steps });
      if (steps.length === 0) stdout.line('Both databases are up to date.');
      for (const s of steps) stdout.line(`${s.database}: ${s.migration} ${s.status}`);
    });
}
