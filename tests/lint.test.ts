// The lint and format check is part of `npm test`: types, ESLint rules and Prettier formatting.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';

const run = promisify(execFile);

async function check(cmd: string, args: string[]): Promise<string> {
  try {
    await run(cmd, args, { maxBuffer: 32 * 1024 * 1024 });
    return '';
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`.slice(0, 8000) || String(err);
  }
}

describe('lint and format', function () {
  this.timeout(300_000);

  it('type-checks every package with the strict tsconfig', async () => {
    expect(await check('node_modules/.bin/tsc', ['-p', 'tsconfig.json'])).to.equal('');
  });

  it('passes ESLint (no any, type-only imports, eqeqeq)', async () => {
    expect(await check('node_modules/.bin/eslint', ['.'])).to.equal('');
  });

  it('is formatted with Prettier', async () => {
    expect(await check('node_modules/.bin/prettier', ['--check', '--log-level', 'warn', '.'])).to.equal('');
  });
});
