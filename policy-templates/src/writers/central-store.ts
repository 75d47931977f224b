// Lays a validated policy set out as a Central Store folder: PolicyDefinitions/<File>.admx and
// PolicyDefinitions/<locale>/<File>.adml for en-US and every other locale given (or the ones asked for).
import type { PolicySet } from '../definitions/vocabulary';
import { assertPolicySet } from '../definitions/validate';
import { InternalError, PolicyUserError } from '../errors';
import { crossCheck, rendered } from './cross-check';
import { renderAdmx } from './admx';
import { makeLookup, renderAdml } from './adml';

export interface GeneratedFile {
  /** Path relative to the output folder, `/`-separated. */
  readonly path: string;
  readonly content: string;
}

export interface CentralStoreOptions {
  /** Locales to write; default: every locale of the set. en-US is always written. */
  readonly locales?: readonly string[];
}

export function buildCentralStore(set: PolicySet, options: CentralStoreOptions = {}): GeneratedFile[] {
  assertPolicySet(set);
  const [fallback] = set.locales;
  if (!fallback)
    throw new PolicyUserError('the policy set has no strings', {
      rule: 'locale',
      expected: 'an en-US strings file',
    });
  const wanted = options.locales ?? set.locales.map((l) => l.locale);
  for (const loc of wanted)
    if (!set.locales.some((l) => l.locale === loc))
      throw new PolicyUserError(`no strings for locale '${loc}'`, {
        rule: 'locale',
        expected: `one of ${set.locales.map((l) => l.locale).join(', ')}`,
        example: '--locale de-DE',
      });
  const locales = set.locales.filter((l) => l.locale === 'en-US' || wanted.includes(l.locale));
  const files: GeneratedFile[] = [];
  for (const t of set.templates) {
    files.push({ path: `PolicyDefinitions/${t.fileName}.admx`, content: renderAdmx(t) });
    for (const loc of locales)
      files.push({
        path: `PolicyDefinitions/${loc.locale}/${t.fileName}.adml`,
        content: renderAdml(t, makeLookup(loc, fallback)),
      });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // Post-render validator: what validation let through must also pass the checks on the real output.
  const problems = crossCheck(rendered(files));
  if (problems.length)
    throw new InternalError(
      `generated files fail the cross-checks:\n${problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n')}`,
    );
  return files;
}
