// The agent's configuration file (written by the installer from its public properties): where the server
// is, the one-time enrollment token, where state and logs go. One TypeBox schema, checked at start with
// errors that teach. After enrollment the token is removed from the file.
import { readFile, writeFile, rename } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { AgentUserError, truncateForMessage } from '../errors';

export const AgentConfig = Type.Object(
  {
    serverUrl: Type.String({ minLength: 1, description: 'https://mbam.contoso.com' }),
    enrollmentToken: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    stateDirectory: Type.String({ minLength: 1, description: 'C:\\ProgramData\\OpenMBAM\\state' }),
    logFile: Type.Optional(Type.String({ minLength: 1 })),
    logLevel: Type.Optional(
      Type.Union([Type.Literal('debug'), Type.Literal('info'), Type.Literal('warn'), Type.Literal('error')]),
    ),
    /** http:// to a non-loopback server: only for labs; escrow would cross the network in clear text */
    allowInsecureHttp: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type AgentConfig = Static<typeof AgentConfig>;

const EXAMPLE =
  '{"serverUrl": "https://mbam.contoso.com", "enrollmentToken": "…", "stateDirectory": "C:\\\\ProgramData\\\\OpenMBAM\\\\state"}';

export function checkConfig(value: unknown, source: string): AgentConfig {
  if (!Value.Check(AgentConfig, value)) {
    const e = [...Value.Errors(AgentConfig, value)][0];
    throw new AgentUserError(
      'invalid_configuration',
      `${source}: ${e?.path || '/'} ${e?.message ?? 'is invalid'} (got ${truncateForMessage(e?.value)}). Expected e.g. ${EXAMPLE}`,
      { field: e?.path },
    );
  }
  let url: URL;
  try {
    url = new URL(value.serverUrl);
  } catch (cause) {
    throw new AgentUserError(
      'invalid_configuration',
      `${source}: serverUrl "${truncateForMessage(value.serverUrl)}" is not a URL; expected e.g. https://mbam.contoso.com`,
      { field: '/serverUrl', cause },
    );
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (loopback || value.allowInsecureHttp)))
    throw new AgentUserError(
      'invalid_configuration',
      `${source}: serverUrl must use https:// (recovery passwords travel on this connection); got ${url.protocol}//${url.host}. ` +
        'http:// is accepted only for a loopback address, or with "allowInsecureHttp": true in a lab.',
      { field: '/serverUrl' },
    );
  if (!isAbsolute(value.stateDirectory) || value.stateDirectory.split(/[\\/]/).includes('..'))
    throw new AgentUserError(
      'invalid_configuration',
      `${source}: stateDirectory must be an absolute path without "..", e.g. C:\\ProgramData\\OpenMBAM\\state; got "${truncateForMessage(value.stateDirectory)}"`,
      { field: '/stateDirectory' },
    );
  return value;
}

export interface ConfigSource {
  load(): Promise<AgentConfig>;
  /** Removes the enrollment token once it has been used. */
  forgetEnrollmentToken(): Promise<void>;
}

export function fileConfigSource(path: string): ConfigSource {
  const load = async (): Promise<Record<string, unknown>> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (cause) {
      throw new AgentUserError(
        'invalid_configuration',
        `Cannot read the agent configuration ${path}; the installer writes it. Expected e.g. ${EXAMPLE}`,
        { cause },
      );
    }
    try {
      return JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
    } catch (cause) {
      throw new AgentUserError('invalid_configuration', `${path} is not JSON; expected e.g. ${EXAMPLE}`, {
        cause,
      });
    }
  };
  return {
    load: async () => checkConfig(await load(), path),
    async forgetEnrollmentToken() {
      const { enrollmentToken: _used, ...rest } = await load();
      await writeFile(`${path}.tmp`, `${JSON.stringify(rest, null, 2)}\n`, { mode: 0o600 });
      await rename(`${path}.tmp`, path);
    },
  };
}

export function memoryConfigSource(config: AgentConfig): ConfigSource & { current: AgentConfig } {
  const source = {
    current: checkConfig(config, 'configuration'),
    load: async () => source.current,
    async forgetEnrollmentToken() {
      const { enrollmentToken: _used, ...rest } = source.current;
      source.current = rest;
    },
  };
  return source;
}
