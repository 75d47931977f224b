// The Debian packages the test suite drives for real. `npm test` installs the missing ones when it
// runs as root (CI, fresh machines) and otherwise stops and names them: tests never skip a missing tool.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const onPath = (cmd) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const postgresBin = () => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return false;
  return readdirSync(root).some((v) => existsSync(`${root}/${v}/bin/initdb`));
};

/** package name → how we know it is there */
export const REQUIRED = [
  { pkg: 'postgresql', present: postgresBin, why: 'throwaway PostgreSQL for the dialect matrix' },
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium'), why: 'portal browser tests' },
  { pkg: 'libxml2-utils', present: () => onPath('xmllint'), why: 'ADMX/ADML schema validation' },
];

export function ensureSystemPackages() {
  const missing = REQUIRED.filter((r) => !r.present());
  if (missing.length === 0) return;
  const names = missing.map((m) => m.pkg);
  if (process.getuid?.() !== 0) {
    console.error(
      `The tests need these Debian packages: ${names.join(' ')}.\n` +
        `Install them with: sudo apt-get install -y ${names.join(' ')}`,
    );
    process.exit(1);
  }
  console.log(`Installing Debian packages the tests need: ${names.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...names], {
    stdio: 'inherit',
    env,
  });
}
