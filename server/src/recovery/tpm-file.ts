// The TPM owner password file (`.tpm`) the Help Desk hands out for "Reset TPM lockout" in the TPM
// Management console (tpm.msc). Microsoft does not document the format (mbam-server.md §2.2 and
// bitlocker-client.md §6.2 only name the `.tpm` file); we write what tpm.msc saves and reads back on
// Windows 7/8: an XML document whose root element `ownerAuth` holds the base64 owner authorization
// (the escrowed OwnerAuth exactly as the agent sent it). Built as a small tree and serialised once.
export interface XmlElement {
  name: string;
  text: string;
}

const escapeXml = (value: string): string =>
  value.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

export function serializeXml(root: XmlElement, comment?: string): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  if (comment) lines.push(`<!-- ${comment.replace(/--/g, '- -')} -->`);
  lines.push(`<${root.name}>${escapeXml(root.text)}</${root.name}>`);
  return `${lines.join('\r\n')}\r\n`;
}

export function tpmOwnerPasswordFile(ownerAuth: string, computerName: string): string {
  return serializeXml(
    { name: 'ownerAuth', text: ownerAuth },
    `TPM owner password of ${computerName}. Keep it with IT staff: never give it to the end user.`,
  );
}

/** `PC-0001.tpm`: safe as a download name whatever the computer is called. */
export const tpmFileName = (computerName: string): string =>
  `${computerName.replace(/[^A-Za-z0-9_-]/g, '_')}.tpm`;
