import { expect } from 'chai';
import { createLogger, memorySink, redact, type LogEntry } from './log';

describe('structured log', () => {
  it('writes JSON entries at or above its level', () => {
    const entries: LogEntry[] = [];
    const log = createLogger({
      sinks: [memorySink(entries)],
      level: 'info',
      now: () => new Date('2025-01-01T00:00:00Z'),
    });
    log.debug('x.debug', 'hidden');
    log.warn('escrow.spooled', 'kept', { volumeId: '{V}' });
    expect(entries).to.deep.equal([
      {
        volumeId: '{V}',
        time: '2025-01-01T00:00:00.000Z',
        level: 'warn',
        event: 'escrow.spooled',
        message: 'kept',
      },
    ]);
  });

  it('never lets a secret through: secret-named fields and recovery-password-shaped text are removed', () => {
    const password = '254793-568007-425557-712855-251119-474815-445082-696212';
    expect(
      redact({
        recoveryPassword: password,
        nested: { keyPackage: 'AAAA', enrollmentToken: 't' },
        note: `typed ${password} by mistake`,
      }),
    ).to.deep.equal({
      recoveryPassword: '[redacted]',
      nested: { keyPackage: '[redacted]', enrollmentToken: '[redacted]' },
      note: 'typed [redacted] by mistake',
    });
  });
});
