// Reading the --config file: a JSON object in UTF-8 (a byte order mark, as Notepad writes, is allowed).
import { readFileSync, statSync } from 'node:fs';
import { UserError } from '../errors';

const EXAMPLE = 'Expected e.g. {"port": 8443, "dataDir": "/var/lib/openmbam"}.';

export function readConfigFile(path: string): Record<string, unknown> {
  const refuse = (why: string, cause?: unknown): never => {
    throw new UserError('invalid_configuration', `Config file ${path} ${why}. ${EXAMPLE}`, {
      field: '--config',
      cause,
    });
  };
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) refuse('is a directory; expected a JSON file');
    bytes = readFileSync(path);
  } catch (cause) {
    if (cause instanceof UserError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code;
    return refuse(
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'does not exist; expected a JSON file'
        : `cannot be read (${code ?? (cause as Error).message})`,
      cause,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (cause) {
    return refuse('is not UTF-8 text', cause);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    return refuse(`is not valid JSON: ${(cause as Error).message}`, cause);
  }
  // JSON.parse keeps a "__proto__" key as an own field, so the schema refuses it as unknown
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
    return parsed as Record<string, unknown>;
  return refuse('must hold a JSON object');
}
