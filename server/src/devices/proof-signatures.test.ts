// Device proof signatures checked on a worker thread, a batch per turn of the event loop, answered a few
// at a time; a worker that cannot start, dies or answers wrongly hands its unanswered checks, and every
// later one, to the event loop with the same verdicts.
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { runTypeScript } from '../test-support/run-typescript';
import {
  type ProofSignaturesOptions,
  type SignatureCheck,
  type SignatureVerdict,
  ProofSignatures,
} from './proof-signatures';

function testKey(namedCurve = 'P-256') {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
  return { privateKey, publicKeyJwk: JSON.stringify(publicKey.export({ format: 'jwk' })) };
}

const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** A proof's signing input, signed as an agent signs it (ES256: r and s, not DER). */
function signed(key: ReturnType<typeof testKey>, claims: object = { jti: 'a-fresh-jti' }): SignatureCheck {
  const signingInput = `${b64('{"alg":"ES256"}')}.${b64(JSON.stringify(claims))}`;
  const rs = sign('sha256', Buffer.from(signingInput), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return { publicKeyJwk: key.publicKeyJwk, signingInput, signature: rs.toString('base64url') };
}

/** Every way a check can come out, each next to the verdict it must get. */
function checksAndVerdicts(): Array<[SignatureCheck, SignatureVerdict]> {
  const device = testKey();
  const other = testKey();
  const good = signed(device);
  const der = sign('sha256', Buffer.from(good.signingInput), device.privateKey).toString('base64url');
  return [
    [good, 'valid'],
    [{ ...good, signingInput: `${good.signingInput}x` }, 'invalid-signature'],
    [{ ...good, publicKeyJwk: other.publicKeyJwk }, 'invalid-signature'],
    [{ ...good, signature: der }, 'invalid-signature'],
    [{ ...good, signature: good.signature.slice(0, -4) }, 'invalid-signature'],
    [{ ...good, signature: '' }, 'invalid-signature'],
    [{ ...good, publicKeyJwk: '{"kty":"EC"' }, 'unusable-key'],
    [{ ...good, publicKeyJwk: '[]' }, 'unusable-key'],
    [{ ...signed(testKey('P-384')) }, 'unusable-key'],
    [signed(other), 'valid'],
  ];
}

/** Checks every case at once, in one batch, and expects each its verdict. */
async function expectEveryVerdict(signatures: ProofSignatures): Promise<void> {
  const cases = checksAndVerdicts();
  expect(await Promise.all(cases.map(([check]) => signatures.check(check)))).to.deep.equal(
    cases.map(([, verdict]) => verdict),
  );
}

/** The lines of a stand-in worker that posts `answer` (JavaScript, of the batch `m`) for each batch. */
const answering = (answer: string): string[] => [
  "import { parentPort } from 'node:worker_threads';",
  `parentPort.on('message', (m) => m === 'stop' ? parentPort.close() : parentPort.postMessage(${answer}));`,
];

/** Uses a ProofSignatures, closes it however the use ends, and gives the failures it reported. */
async function closedAfter(
  options: ProofSignaturesOptions,
  use: (signatures: ProofSignatures) => Promise<void>,
): Promise<Error[]> {
  const failures: Error[] = [];
  const signatures = new ProofSignatures({ ...options, onFailure: (e) => failures.push(e) });
  try {
    await use(signatures);
  } finally {
    await signatures.close();
  }
  return failures;
}

describe('device proof signatures on a worker thread', () => {
  let dir: string;
  const standIn = (name: string, lines: string[]): URL => {
    const file = join(dir, name);
    writeFileSync(file, lines.join('\n'));
    return pathToFileURL(file);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'openmbam-signatures-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives every check its verdict', async () => {
    const failures = await closedAfter({}, async (signatures) => {
      await expectEveryVerdict(signatures);
      // one at a time, each key checked a second time: the worker's key cache answers as the import did
      for (const [check, verdict] of checksAndVerdicts()) {
        expect(await signatures.check(check)).to.equal(verdict);
        expect(await signatures.check(check)).to.equal(verdict);
      }
    });
    expect(failures).to.deep.equal([]);
  });

  it('sends the checks of one turn of the event loop to the worker together', async () => {
    // A stand-in that answers each check with the size of the batch it came in.
    const worker = standIn(
      'batch-sizes.mjs',
      answering('{ batch: m.batch, first: 0, verdicts: m.checks.map(() => `batch of ${m.checks.length}`) }'),
    );
    await closedAfter({ worker }, async (signatures) => {
      const check = signed(testKey());
      const together = await Promise.all([1, 2, 3, 4, 5].map(() => signatures.check(check)));
      const alone = await signatures.check(check);
      expect({ together, alone }).to.deep.equal({
        together: Array(5).fill('batch of 5'),
        alone: 'batch of 1',
      });
    });
  });

  it('gives each batch its own verdicts, whatever order the worker answers in', async () => {
    // A stand-in that checks as the worker does, but holds the first batch and answers it last.
    const worker = standIn('reverse.mjs', [
      "import { parentPort } from 'node:worker_threads';",
      `import { createSignatureChecker } from ${JSON.stringify(new URL('./device-key.mjs', import.meta.url).href)};`,
      'const check = createSignatureChecker();',
      'let held;',
      "parentPort.on('message', (m) => {",
      "  if (m === 'stop') return parentPort.close();",
      '  const answer = { batch: m.batch, first: 0, verdicts: m.checks.map(check) };',
      '  if (!held) { held = answer; return; }',
      '  parentPort.postMessage(answer);',
      '  parentPort.postMessage(held);',
      '});',
    ]);
    await closedAfter({ worker }, async (signatures) => {
      const cases = checksAndVerdicts();
      const first = Promise.all(cases.slice(0, 3).map(([check]) => signatures.check(check)));
      await new Promise((resolve) => setImmediate(resolve)); // the first batch is with the worker
      const second = Promise.all(cases.slice(3).map(([check]) => signatures.check(check)));
      expect([...(await first), ...(await second)]).to.deep.equal(cases.map(([, verdict]) => verdict));
    });
  });

  it('gives a check its verdict as soon as the worker answers it, before the rest of its batch', async () => {
    // A stand-in that answers the first check of a batch at once, and the others only when stopped.
    const worker = standIn('first-now.mjs', [
      "import { parentPort } from 'node:worker_threads';",
      'const rest = [];',
      "parentPort.on('message', (m) => {",
      "  if (m === 'stop') { for (const a of rest) parentPort.postMessage(a); return parentPort.close(); }",
      "  parentPort.postMessage({ batch: m.batch, first: 0, verdicts: ['first, at once'] });",
      "  rest.push({ batch: m.batch, first: 1, verdicts: m.checks.slice(1).map(() => 'the rest, when stopped') });",
      '});',
    ]);
    const signatures = new ProofSignatures({ worker });
    const check = signed(testKey());
    const [first, second] = [signatures.check(check), signatures.check(check)];
    expect(await first).to.equal('first, at once');
    await signatures.close();
    expect(await second).to.equal('the rest, when stopped');
  });

  it('has the worker answer four verdicts at a time', async () => {
    // The real worker, each of its answers marked with the checks it covers.
    const worker = standIn('marked.mjs', [
      "import { parentPort } from 'node:worker_threads';",
      'const post = parentPort.postMessage.bind(parentPort);',
      'parentPort.postMessage = (a) => post({ ...a, verdicts: a.verdicts.map((v) => `${v} from ${a.first} of ${a.verdicts.length}`) });',
      `await import(${JSON.stringify(new URL('./proof-signature-worker.mjs', import.meta.url).href)});`,
    ]);
    await closedAfter({ worker }, async (signatures) => {
      const cases = checksAndVerdicts();
      const verdicts = await Promise.all(cases.map(([check]) => signatures.check(check)));
      expect(verdicts).to.deep.equal(
        cases.map(([, verdict], i) => `${verdict} from ${i - (i % 4)} of ${i < 8 ? 4 : 2}`),
      );
    });
  });

  it('makes here each verdict a worker answer leaves out', async () => {
    // A stand-in whose answers hold only holes: a sparse array keeps them through postMessage.
    const worker = standIn(
      'holes.mjs',
      answering('{ batch: m.batch, first: 0, verdicts: new Array(m.checks.length) }'),
    );
    expect(await closedAfter({ worker }, expectEveryVerdict)).to.deep.equal([]);
  });

  it('lets the worker answer what it was sent when closed, checks what is queued, and then on the event loop', async () => {
    const failures: Error[] = [];
    const signatures = new ProofSignatures({ onFailure: (e) => failures.push(e) });
    const cases = checksAndVerdicts();
    const [good, bad] = [cases[0]![0], cases[1]![0]];
    const sent = [signatures.check(good), signatures.check(bad)];
    await new Promise((resolve) => setImmediate(resolve)); // those two are with the worker
    const queued = signatures.check(bad);
    await signatures.close();
    expect(await Promise.all([...sent, queued])).to.deep.equal([
      'valid',
      'invalid-signature',
      'invalid-signature',
    ]);
    expect(await signatures.check(good)).to.equal('valid');
    expect(failures).to.deep.equal([]);
  });

  // Stand-ins for a worker that breaks: each one's checks, and every later check, are made here.
  const brokenWorkers = [
    {
      what: 'cannot start',
      lines: ["throw new Error('the worker module is damaged');"],
      failure: 'the worker module is damaged',
    },
    {
      what: 'dies with the checks it took',
      lines: [
        "import { parentPort } from 'node:worker_threads';",
        "parentPort.on('message', () => process.exit(3));",
      ],
      failure: 'the proof signature worker exited with code 3',
    },
    {
      what: 'answers one check and dies with the others',
      lines: [
        "import { parentPort } from 'node:worker_threads';",
        // the first of expectEveryVerdict's checks is a valid one
        "parentPort.on('message', (m) => { parentPort.postMessage({ batch: m.batch, first: 0, verdicts: ['valid'] }); setTimeout(() => process.exit(3), 10); });",
      ],
      failure: 'the proof signature worker exited with code 3',
    },
    {
      what: 'answers without verdicts',
      lines: answering("{ batch: m.batch, first: 0, verdicts: 'valid' }"),
      failure: 'the proof signature worker answered without verdicts for its checks',
    },
    {
      what: 'answers with no answer at all',
      lines: answering('null'),
      failure: 'the proof signature worker answered without verdicts for its checks',
    },
    ...[-1, 0.5, '0'].map((first) => ({
      what: `answers from check ${JSON.stringify(first)}`,
      lines: answering(`{ batch: m.batch, first: ${JSON.stringify(first)}, verdicts: ['valid'] }`),
      failure: 'the proof signature worker answered without verdicts for its checks',
    })),
    {
      what: 'answers for checks it was not sent',
      lines: answering("{ batch: m.batch, first: m.checks.length, verdicts: ['valid'] }"),
      failure: 'the proof signature worker answered without verdicts for its checks',
    },
  ];
  for (const broken of brokenWorkers) {
    it(`checks on the event loop when the worker ${broken.what}, and says so once`, async () => {
      const worker = standIn('broken.mjs', broken.lines);
      const failures = await closedAfter({ worker }, async (signatures) => {
        await expectEveryVerdict(signatures);
        await expectEveryVerdict(signatures);
      });
      expect(failures.map((e) => e.message)).to.deep.equal([broken.failure]);
    });
  }

  it('checks on the event loop when the worker cannot even be created', async () => {
    const failures: Error[] = [];
    const worker = new URL('https://example.invalid/proof-signature-worker.mjs');
    const signatures = new ProofSignatures({ worker, onFailure: (e) => failures.push(e) });
    const [[good, verdict]] = checksAndVerdicts() as [[SignatureCheck, SignatureVerdict]];
    expect(await signatures.check(good)).to.equal(verdict);
    await signatures.close();
    expect(failures.map((e) => (e as NodeJS.ErrnoException).code)).to.deep.equal(['ERR_INVALID_URL_SCHEME']);
  });

  /** Runs `lines` in a process of its own, given ProofSignatures and `check`, a valid signature check. */
  const runWithACheck = (name: string, lines: string[]) =>
    runTypeScript(join(dir, name), [
      `import { ProofSignatures } from ${JSON.stringify(new URL('./proof-signatures.ts', import.meta.url).href)};`,
      `const check = ${JSON.stringify(signed(testKey()))};`,
      ...lines,
    ]);

  it('keeps a process alive until close() has ended the worker, when closed with a batch in it', () => {
    const run = runWithACheck('closes-busy.mts', [
      'const signatures = new ProofSignatures();',
      'const verdict = signatures.check(check);',
      'await new Promise((resolve) => setImmediate(resolve)); // the check is with the worker',
      'await signatures.close();',
      "console.log(await verdict, 'and closed');",
    ]);
    expect(run).to.deep.equal({ status: 0, stdout: 'valid and closed' });
  });

  it('keeps a process alive while a check waits for its verdict, and not after, when never closed', () => {
    const run = runWithACheck('never-closes.mts', [
      'const signatures = new ProofSignatures({ onFailure: (e) => console.log(e.message) });',
      'console.log(await signatures.check(check));',
    ]);
    expect(run).to.deep.equal({ status: 0, stdout: 'valid' });
  });
});
