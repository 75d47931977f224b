// Checking a PowerShell answer against its schema, with an error that names each bad field and what it held.
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { PlatformError, truncateForMessage } from '../../errors';

export function checkOutput<T extends TSchema>(
  schema: T,
  value: unknown,
  what: string,
  options: { secret?: boolean } = {},
): Static<T> {
  if (Value.Check(schema, value)) return value;
  // The first three only: a 16 MB answer of wrong records has millions of errors. The path is output
  // too (a registry key name), so it is cut and cleared of secrets like the value.
  const problems: string[] = [];
  for (const e of Value.Errors(schema, value)) {
    const got = options.secret ? '' : ` (got ${truncateForMessage(e.value, 60)})`;
    problems.push(`${truncateForMessage(e.path || '/', 100)} ${e.message}${got}`);
    if (problems.length === 3) break;
  }
  throw new PlatformError(
    'platform_unexpected_output',
    `Unexpected output when asked to ${what}: ${problems.join('; ')}. ` +
      'The agent reads the raw Win32_EncryptableVolume/Win32_Tpm names (see reference/bitlocker-client.md).',
  );
}
