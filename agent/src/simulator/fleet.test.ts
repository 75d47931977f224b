import { expect } from 'chai';
import { Command } from 'commander';
import type { TestServer } from '@openmbam/server/test-support/server';
import { withTestServer } from '../e2e/harness';
import { poolCount, runFleet } from './fleet';
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

  // Found by cli.fuzz.test.ts: these were accepted (and failed every request, or inside the run with a
  // message about a configuration file), echoed whole, or echoed a password.
  for (const [raw, pattern] of [
    [
      { ...ok, clients: 'x'.repeat(5000) },
      /^--clients must be a whole number from 1 to 1000000; got "x{40}…"\. /,
    ],
    [
      { ...ok, token: 'mbamenroll_abc def' },
      /^--token must be .* printable ASCII .*; got U\+0020 at character 15\. /,
    ],
    [{ ...ok, token: 't'.repeat(201) }, /^--token must be .*; got 201 characters\. /],
    [
      { ...ok, server: 'http://admin:s3cret@mbam' },
      /^--server "http:\/\/…@mbam" holds a user name or password/,
    ],
    [{ ...ok, server: 'http://mbam/?x=1' }, /^--server "http:\/\/mbam\/\?x=1" has a query or fragment/],
    [{ ...ok, server: 'http://mbam/#' }, /has a query or fragment/],
    [{ ...ok, rate: '0.1', duration: '1' }, /^--rate 0\.1 for --duration 1 s is less than one status report/],
  ] as const) {
    it(`refuses before any request: ${String(pattern)}`, () => {
      const err = (() => {
        try {
          parseSimulateOptions(raw, {});
        } catch (e) {
          return e as Error;
        }
        return expect.fail('accepted');
      })();
      expect(err).to.be.instanceOf(SimulateUsageError).with.property('exitCode', 2);
      expect(err.message)
        .to.match(pattern)
        .and.not.match(/s3cret|abc def/);
    });
  }

  it('runs against a plain-http lab server (the keys are simulated) instead of failing inside the run', async () => {
    const options = parseSimulateOptions({ clients: '1', server: 'http://lab-server:8080', token: 't' }, {});
    const summary = await runFleet({
      ...options,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    expect(summary).to.include({ clients: 1, enrolled: 0 });
    expect(summary.errors).to.be.greaterThan(0);
  });

  it('runs --rate × --duration reports without a list of them (8.64e10 was a RangeError)', async () => {
    const err = await poolCount(2 ** 33, 4, () => Promise.reject(new Error('stop'))).catch((e: Error) => e);
    expect(err).to.have.property('message', 'stop');
  });

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
