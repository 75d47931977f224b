// The one place that knows how each dialect reports a unique-constraint violation, so services can
// turn a lost insert race into "already there" instead of a 500.
export function isUniqueViolation(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; number?: unknown; message?: unknown };
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  if (e.code === '23505') return true; // PostgreSQL unique_violation
  if (e.number === 2627 || e.number === 2601) return true; // SQL Server
  return false;
}
