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
  const problems = [...Value.Errors(schema, value)]
    .slice(0, 3)
    .map(
      (e) =>
        `${e.path || '/'} ${e.message}${options.secret ? '' : ` (got ${truncateForMessage(e.value, 60)})`}`,
    );
  throw new PlatformError(
    'platform_unexpected_output',
    `Unexpected output when asked to ${what}: ${problems.join('; ')}. ` +
      'The agent reads the raw Win32_EncryptableVolume/Win32_Tpm names (see reference/bitlocker-client.md).',
  );
}
