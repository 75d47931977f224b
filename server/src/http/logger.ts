// pino options: secrets are redacted wherever they could appear, and request logs carry no bodies.
import type { LoggerOptions } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.recoveryPassword',
  '*.keyPackage',
  '*.tpmOwnerAuth',
  '*.enrollmentToken',
  '*.password',
  '*.token',
  'body',
];

export function loggerOptions(level: string): LoggerOptions {
  return { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
}
