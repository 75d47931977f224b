import { expect } from 'chai';
import { Command } from 'commander';
import type { TestServer } from '@openmbam/server/test-support/server';
import { withTestServer } from '../e2e/harness';
import { runFleet } from './fleet';
import { formatSummary, parseSimulateOptions, registerSimulateCommand, SimulateUsageError } from './cli';

describe('fleet simulator', function () {
  this.timeout(120_000);
  let server: TestServer;
  withTestServer((s) => (server = s));

  it('runs agents that enroll, escrow, report and rotate disclosed keys, with no errors', async () => {
    const token = await server.createEnrollmentToken({ uses: 40 });
    const progress: string[] = [];
    const summary = await runFleet({
      clients: 40,
      serverUrl: server.url,
      token,
      concurrency: 8,
      discloseKey: (id) => server.discloseKey(id),
      discloseShare: 0.25,
      onProgress: (p) => progress.push(`${p.phase} ${p.done}/${p.total}`),
    });
    expect(summary).to.include({ clients: 40, enrolled: 40, errors: 0, failedCycles: 0, rotations: 10 });
    expect(summary.firstErrors).to.deep.equal([]);
    expect(summary.requests.enroll).to.equal(40);
    expect(summary.requests.rotated).to.equal(10);
    expect(summary.requests.status).to.equal(80);
    expect(summary.latencyMs.all.p99).to.be.at.least(summary.latencyMs.all.p50);
    expect(progress.at(-1)).to.equal('report 40/40');
    const keys = await server.escrowedKeys();
    expect(keys.filter((k) => k.rotated)).to.have.length(10);
    expect(formatSummary(summary)).to.match(/^clients 40, encrypting after escrow 40, rotations 10\n/);
  });

  it('counts refused enrollments as errors (a token with too few uses)', async () => {
    const token = await server.createEnrollmentToken({ uses: 2 });
    const summary = await runFleet({ clients: 3, serverUrl: server.url, token, concurrency: 1 });
    expect(summary.enrolled).to.equal(2);
    expect(summary.errors).to.be.greaterThan(0);
    expect(summary.failedCycles).to.be.greaterThan(0);
    expect(summary.firstErrors.join('\n')).to.contain('enroll.refused');
  });
});

describe('openmbam simulate (command line)', () => {
  const ok = { clients: '10', server: 'http://127.0.0.1:8080/', token: 't' };

  it('parses its options strictly', () => {
    expect(parseSimulateOptions({ ...ok, rate: '2.5', duration: '60' }, {})).to.deep.equal({
      clients: 10,
      serverUrl: 'http://127.0.0.1:8080',
      token: 't',
      rate: 2.5,
      duration: 60,
    });
    expect(
      parseSimulateOptions({ clients: '1', server: 'http://h' }, { OPENMBAM_ENROLLMENT_TOKEN: 'env' }).token,
    ).to.equal('env');
  });

  for (const [raw, pattern] of [
    [{ ...ok, clients: '1e3' }, /--clients must be a whole number from 1 to 1000000; got "1e3"/],
    [{ ...ok, clients: undefined }, /--clients is required/],
    [{ ...ok, server: 'mbam' }, /--server "mbam" is not a URL/],
    [{ ...ok, token: undefined }, /--token is required .* at least 10 uses/],
    [{ ...ok, duration: '60' }, /--duration needs --rate/],
  ] as const) {
    it(`teaches on a bad command line: ${String(pattern)}`, () => {
      expect(() => parseSimulateOptions(raw, {}))
        .to.throw(SimulateUsageError, pattern)
        .with.property('exitCode', 2);
    });
  }

  it('registers `simulate` on a commander program', () => {
    const program = new Command();
    registerSimulateCommand(program);
    const cmd = program.commands.find((c) => c.name() === 'simulate');
    expect(cmd?.options.map((o) => o.long)).to.deep.equal([
      '--clients',
      '--server',
      '--token',
      '--rate',
      '--duration',
      '--concurrency',
      '--json',
    ]);
  });
});
