// The one shape of a configuration refusal: which setting, what is wrong with it, what was expected,
// where it was set (file, variable or flag), and the offending value: shortened, and never a secret.
import { UserError, truncateForMessage } from '../errors';

/** Settings whose value is never shown, whatever is wrong with it. */
const SECRET_PATHS = new Set(['/oidc/clientSecret']);

export function describeProblem(
  path: string,
  why: string,
  source: string | undefined,
  value: unknown,
  secrets: string[],
): UserError {
  const shown = SECRET_PATHS.has(path) || value === undefined ? '' : ` (got ${show(value)})`;
  const from = source === undefined ? '' : ` It was set by ${source}.`;
  let message = `Configuration ${path} is invalid: ${why}${shown}.${from}`;
  // a secret can also hide inside a larger value that is shown (an object, a connection string)
  for (const secret of secrets.filter((s) => s.length >= 4)) message = message.replaceAll(secret, '(hidden)');
  return new UserError('invalid_configuration', message, { field: path });
}

function show(value: unknown): string {
  try {
    return typeof value === 'string' ? `"${truncateForMessage(value)}"` : truncateForMessage(value);
  } catch {
    // JSON.stringify gives up on a value nested thousands of levels deep
    return 'a value nested too deeply to show';
  }
}
