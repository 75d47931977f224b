// Process-wide test fixtures: whatever a test started lazily (the throwaway PostgreSQL) is stopped here.
import { stopPostgres } from './postgres';

export async function mochaGlobalTeardown(): Promise<void> {
  await stopPostgres();
}
