// Runs the real xmllint (Debian libxml2-utils) against the project's ADMX/ADML schema.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The schemas and Windows fixtures the tests use, copied into the repository (test-data/README.md). */
export const SHARED = fileURLToPath(new URL('../../test-data/', import.meta.url));
export const SCHEMA = join(SHARED, 'schemas/admx/PolicyDefinitionFiles.xsd');

/** Returns xmllint's combined output; throws with that output when any file does not validate. */
export function xmllintSchema(files: readonly string[]): string {
  try {
    return execFileSync('xmllint', ['--noout', '--schema', SCHEMA, ...files], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`xmllint failed:\n${err.stderr ?? ''}${err.stdout ?? ''}${err.message}`, { cause: e });
  }
}
