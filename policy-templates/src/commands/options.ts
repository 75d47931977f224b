// Checks of the command-line values themselves, before any file is read or written: each refusal names
// the flag or argument, shows the value (cut short) and an example of the right form.
import { LOCALE_PATTERN } from '../definitions/limits';
import { PolicyUserError } from '../errors';

/** The value as a message shows it: quoted, control characters escaped, cut at 80 characters. */
export const shown = (value: string): string => {
  const j = JSON.stringify(value);
  return j.length > 80 ? `${j.slice(0, 79)}…" (${value.length} characters)` : j;
};

function refuse(flag: string, value: string, what: string, expected: string, example: string): never {
  throw new PolicyUserError(`${flag} ${shown(value)} ${what}`, { rule: 'option', expected, example });
}

/**
 * A file or folder path: not empty, and without control characters (NUL cannot be in a path at all; a
 * line break or tab is a pasting mistake, and Windows refuses them in file names). `..` is allowed: the
 * path is the user's own, relative to the current folder.
 */
export function checkPath(value: string, flag: string, example: string): string {
  if (value.trim() === '') refuse(flag, value, 'is empty', 'a file or folder path', example);
  // eslint-disable-next-line no-control-regex
  const bad = /[\u0000-\u001f\u007f]/.exec(value);
  if (bad)
    refuse(
      flag,
      value,
      `holds the control character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
      'a path without control characters',
      example,
    );
  return value;
}

/** A locale name as the Central Store folders use it, e.g. de-DE. */
export function checkLocale(value: string, flag: string, known?: readonly string[]): string {
  const expected = known?.length ? `one of ${known.join(', ')}` : 'a locale like en-US or de-DE';
  if (!LOCALE_PATTERN.test(value)) refuse(flag, value, 'is not a locale name', expected, `${flag} de-DE`);
  if (known && !known.includes(value))
    refuse(flag, value, 'has no strings in these definitions', expected, `${flag} ${known[0] ?? 'en-US'}`);
  return value;
}
