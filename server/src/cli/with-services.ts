// Commands that administer a data directory open the databases (migrated) and close them after.
import type { ServerConfig } from '../config/schema';
import { type RunningServices, openServices } from '../runtime/services';

export async function withServices<T>(
  config: ServerConfig,
  work: (services: RunningServices) => Promise<T>,
): Promise<T> {
  const services = await openServices(config);
  try {
    return await work(services);
  } finally {
    await services.close();
  }
}
