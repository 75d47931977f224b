// One connection string per logical database (as in MBAM). The form names the dialect:
//   sqlite:/var/lib/openmbam/recovery.db   (or a bare path)
//   postgres://user:pass@host:5432/openmbam_recovery
//   mssql://user:pass@host:1433/MBAM%20Recovery%20and%20Hardware?encrypt=true&trustServerCertificate=false
import { UserError } from '../errors';

export type DialectName = 'sqlite' | 'postgres' | 'mssql';

export type ConnectionTarget =
  | { dialect: 'sqlite'; path: string }
  | { dialect: 'postgres'; connectionString: string }
  | {
      dialect: 'mssql';
      server: string;
      port: number;
      database: string;
      userName: string;
      password: string;
      encrypt: boolean;
      trustServerCertificate: boolean;
    };

const EXAMPLES =
  'sqlite:./data/recovery.db, postgres://user:pass@host:5432/db or mssql://user:pass@host:1433/db';

export function parseConnectionString(value: string, setting: string): ConnectionTarget {
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new UserError(
      'invalid_configuration',
      `${setting} is empty; expected a connection string such as ${EXAMPLES}.`,
      {
        field: setting,
      },
    );
  }
  if (trimmed.startsWith('sqlite:')) return { dialect: 'sqlite', path: trimmed.slice('sqlite:'.length) };
  if (/^postgres(ql)?:\/\//.test(trimmed)) return { dialect: 'postgres', connectionString: trimmed };
  if (trimmed.startsWith('mssql://') || trimmed.startsWith('sqlserver://'))
    return parseMssql(trimmed, setting);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    throw new UserError(
      'invalid_configuration',
      `${setting} uses an unsupported scheme "${trimmed.split(':')[0]}"; expected sqlite:, postgres:// or mssql:// (e.g. ${EXAMPLES}).`,
      { field: setting },
    );
  }
  return { dialect: 'sqlite', path: trimmed };
}

function parseMssql(value: string, setting: string): ConnectionTarget {
  let url: URL;
  try {
    url = new URL(value.replace(/^sqlserver:/, 'mssql:'));
  } catch (cause) {
    throw new UserError(
      'invalid_configuration',
      `${setting} is not a valid URL; expected e.g. ${EXAMPLES}.`,
      {
        field: setting,
        cause,
      },
    );
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!url.hostname || !database) {
    throw new UserError(
      'invalid_configuration',
      `${setting} must name a host and a database, e.g. mssql://mbam:secret@sql01:1433/MBAM_Recovery.`,
      { field: setting },
    );
  }
  return {
    dialect: 'mssql',
    server: url.hostname,
    port: url.port ? Number(url.port) : 1433,
    database,
    userName: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    encrypt: url.searchParams.get('encrypt') !== 'false',
    trustServerCertificate: url.searchParams.get('trustServerCertificate') === 'true',
  };
}
