// Reads the manifest.xml of a folder that already holds GPO backups, so a new backup written there
// lists them too instead of hiding them from GPMC. Only a manifest's own shape is accepted: anything
// else in the folder's manifest.xml is refused before a file is written.
import { PolicyUserError } from '../errors';
import { parseXml, XmlSyntaxError, type XmlElement } from '../xml/parse';
import { MANIFEST_NS, type ManifestEntry } from './backup-xml';

function refuse(file: string, what: string, cause?: unknown): never {
  throw new PolicyUserError(
    `the folder's manifest.xml is not a GPO backup manifest: ${what}`,
    {
      file,
      rule: 'gpo-manifest',
      expected:
        'an --out folder that is new, or holds GPO backups with the manifest.xml GPMC or `openmbam policy gpo` wrote',
      example: `<Backups xmlns="${MANIFEST_NS}"><BackupInst><ID><![CDATA[{…}]]></ID>…</BackupInst></Backups>`,
    },
    { cause },
  );
}

// GPMC and the scripts that imitate it put the namespace on <Backups> or only on each <BackupInst>.
const ours = (el: XmlElement): boolean => el.ns === MANIFEST_NS || el.ns === '';

export function readManifestEntries(text: string, file: string): ManifestEntry[] {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    refuse(file, `it is not well-formed XML: ${e.message}`, e);
  }
  if (root.name !== 'Backups' || !ours(root))
    refuse(
      file,
      `its root element is <${root.name}> in ${JSON.stringify(root.ns)}, not <Backups> in ${MANIFEST_NS}`,
    );
  return root.children.map((inst) => {
    if (inst.name !== 'BackupInst' || !ours(inst))
      refuse(file, `<${inst.name}> at line ${inst.line} is not a <BackupInst>`);
    const fields = inst.children.map((field): [string, string] => {
      // a field holds text only; `]]>` could not be written back inside CDATA
      if (field.ns !== inst.ns || field.children.length > 0 || field.text.includes(']]>'))
        refuse(
          file,
          `<${field.name}> at line ${field.line} is not a field of a backup (text in ${MANIFEST_NS})`,
        );
      return [field.name, field.text];
    });
    if (!fields.some(([name]) => name === 'ID'))
      refuse(file, `the <BackupInst> at line ${inst.line} has no <ID>`);
    return fields;
  });
}
