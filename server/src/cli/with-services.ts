// Commands that administer a data directory open the databases (migrated) and close them after.
import type { ServerConfig } from '../config/schema';
import { type MigrationStep } from '../db/databases';
import { type RunningServices, openServices } from '../runtime/services';
import { checkSqliteFiles, explainDatabaseFailure } from './database-failure';

/** openServices, with an unreachable database reported as the configuration mistake it is. */
export async function openCheckedServices(
  config: ServerConfig,
  onMigration?: (step: MigrationStep) => void,
): Promise<RunningServices> {
  checkSqliteFiles(config);
  try {
    return await openServices(config, { onMigration });
  } catch (error) {
    throw explainDatabaseFailure(error);
  }
}

export async function withServices<T>(
  config: ServerConfig,
  work: (services: RunningServices) => Promise<T>,
): Promise<T> {
  const services = await openCheckedServices(config);
  try {
    return await work(services);
  } finally {
    await services.close();
  }
}
