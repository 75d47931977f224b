// The real Windows templates of test-data/fixtures/admx as seeds for the importer's fuzz test. Each one
// breaks one of our rules on purpose (import.test.ts checks those refusals), so the fuzz also starts from
// a copy with its quirks repaired: only that lets a mutation reach the deeper steps (presentations,
// merging, validation, writing) instead of stopping at the same first quirk every time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED } from './xmllint';

export const FIXTURES = join(SHARED, 'fixtures/admx');

export interface Pair {
  readonly name: string;
  readonly admxPath: string;
  readonly admx: string;
  readonly admlPath: string;
  readonly adml: string;
}

const ownNamespace = (x: string): string => x.replace(/(<target [^>]*namespace=")Microsoft\./, '$1Fuzz.');
const noBooleanRequired = (x: string): string => x.replace(/(<boolean [^>]*?) required="[a-z]+"/g, '$1');
const noSuperseded = (x: string): string => x.replace(/<supersededAdm[^>]*\/>/g, '');
/** TPM's string ids have hyphens (`OSManagedAuth-TpmAuthFull`), outside the schema's id pattern. */
const underscoreIds = (x: string): string =>
  x.replace(
    /((?:\$\(string\.|id=")[A-Za-z0-9_]*)-([A-Za-z0-9_-]*)/g,
    (_m, a: string, b: string) => `${a}_${b.replace(/-/g, '_')}`,
  );
/** Strings no definition uses (our validator reports them as misspelt). */
const dropStrings =
  (...ids: string[]) =>
  (x: string): string =>
    ids.reduce((t, id) => t.replace(new RegExp(`<string id="${id}">[^<]*</string>\\s*`), ''), x);
/** VolumeEncryption.adml puts dropdownList attributes on checkBox controls. */
const noCheckBoxExtras = (x: string): string =>
  x.replace(/(<checkBox [^>]*?) (?:noSort|defaultItem)="[^"]*"(?: (?:noSort|defaultItem)="[^"]*")?/g, '$1');

const REPAIRS: Readonly<Record<string, readonly [(admx: string) => string, (adml: string) => string]>> = {
  ActiveXInstallService: [(x) => ownNamespace(noBooleanRequired(x)), (l) => l],
  CipherSuiteOrder: [ownNamespace, (l) => l],
  EventForwarding: [(x) => ownNamespace(noSuperseded(x)), dropStrings('SubscriptionManager_Listbox')],
  TPM: [(x) => ownNamespace(underscoreIds(x)), underscoreIds],
  VolumeEncryption: [
    (x) => ownNamespace(noBooleanRequired(x)),
    (l) => dropStrings('FDVAllowDRA_Name', 'OSAllowDRA_Name', 'RDVAllowDRA_Name')(noCheckBoxExtras(l)),
  ],
  Windows: [
    (x) => ownNamespace(noSuperseded(x)),
    // Windows.adml says revision 1.0 to Windows.admx's 1.1.
    (l) => dropStrings('SUPPORTED_Windows_10_0_RS3ToVista')(l.replace(/revision="1\.0"/, 'revision="1.1"')),
  ],
};

/** The six Windows pairs as shipped, and repaired. */
export function windowsPairs(): { raw: Pair[]; repaired: Pair[] } {
  const raw = Object.keys(REPAIRS).map((name) => {
    const admxPath = join(FIXTURES, `${name}.admx`);
    const admlPath = join(FIXTURES, `en-US/${name}.adml`);
    return {
      name,
      admxPath,
      admx: readFileSync(admxPath, 'utf8'),
      admlPath,
      adml: readFileSync(admlPath, 'utf8'),
    };
  });
  const repaired = raw.map((p) => {
    const [fixAdmx, fixAdml] = REPAIRS[p.name] ?? [(x: string) => x, (x: string) => x];
    return { ...p, name: `${p.name} (repaired)`, admx: fixAdmx(p.admx), adml: fixAdml(p.adml) };
  });
  return { raw, repaired };
}
