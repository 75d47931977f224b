// The Help Desk and Self-Service Portals in real headless Chromium: a Helpdesk user recovers a drive
// with the end user and a reason; an Advanced Helpdesk user recovers by key id alone, downloads the key
// package and a `.tpm` file and lists a computer's keys; a self-service user recovers their own drive
// and is refused another user's. axe-core checks every page; screenshots go to docs/screenshots/.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { listAuditEntries } from '../../audit/audit-log';
import { type SeededComputer, seedComputer } from '../../recovery/test-fixtures';
import { type TestServer, removeDataDir, startTestServer } from '../../test-support/server';
import { launchChromium, screenshot, seriousViolations, signedInPage } from './browser-support';

async function expectAccessible(page: Page): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${page.url()}: ${JSON.stringify(violations)}`).to.deep.equal([]);
}

async function downloadOf(page: Page, linkText: RegExp): Promise<{ name: string; content: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkText }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), content: readFileSync(path) };
}

describe('Help Desk and Self-Service Portals in Chromium', function () {
  this.timeout(120_000);
  let server: TestServer;
  let browser: Browser;
  let alicePc: SeededComputer;
  let bobPc: SeededComputer;
  before(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    alicePc = await seedComputer(server, {
      users: ['CONTOSO\\alice'],
      computerName: 'PC-ALICE',
      keyIds: undefined,
    });
    bobPc = await seedComputer(server, { users: ['CONTOSO\\bob'], computerName: 'PC-BOB' });
  });
  after(async () => {
    await browser?.close();
    await server.stop();
    removeDataDir(server.dataDir);
  });

  it('a Helpdesk user recovers a drive with the end user and a reason, copies and saves the password', async () => {
    const page = await signedInPage(browser, server, 'CONTOSO\\helpdesk1', ['Helpdesk']);
    await page.goto(`${server.url}/helpdesk`);
    expect(await page.locator('h1').textContent()).to.equal('Help Desk');
    await expectAccessible(page);
    await screenshot(page, 'helpdesk-drive-recovery');

    // a bad domain comes back with a message beside the field (checked by the server), the input kept
    const key = alicePc.keys[0]!;
    await page.fill('#field-domain', 'CONTOSO!');
    await page.fill('#field-userName', 'alice');
    await page.fill('#field-keyId', key.keyId.slice(1, 9));
    await page.selectOption('#field-reason', 'LostPin');
    await page.click('form[aria-label="Drive Recovery"] button[type="submit"]');
    expect(await page.locator('.error-summary').textContent()).to.contain("end user's domain must be");
    expect(await page.locator('#field-domain').getAttribute('aria-invalid')).to.equal('true');
    expect(await page.locator('#field-userName').inputValue()).to.equal('alice');
    await expectAccessible(page);
    await screenshot(page, 'helpdesk-drive-recovery-error');

    await page.fill('#field-domain', 'CONTOSO');
    await page.fill('#field-domain', 'CONTOSO');
    await page.fill('#field-userName', 'alice');
    await page.click('form[aria-label="Drive Recovery"] button[type="submit"]');
    expect(
      ((await page.locator('#recovery-password').textContent()) ?? '').trim() === key.recoveryPassword,
    ).to.equal(true);
    expect(await page.locator('main').textContent()).to.contain('marked as disclosed');
    expect(await page.locator('button[data-copy="recovery-password"]').isVisible()).to.equal(true);
    await expectAccessible(page);
    await screenshot(page, 'helpdesk-drive-recovery-result');

    const saved = await downloadOf(page, /Save as a text file/);
    expect(saved.name).to.match(/\.txt$/);
    expect(saved.content.toString('utf8').includes(key.recoveryPassword)).to.equal(true);
    // a Helpdesk user has no computer keys section
    expect(await page.locator('nav[aria-label="Help Desk"] a').allTextContents()).to.deep.equal([
      'Drive Recovery',
      'Manage TPM',
    ]);
    await page.context().close();
  });

  it('an Advanced Helpdesk user recovers by key id alone, downloads the key package and a .tpm file, and lists a computer', async () => {
    const page = await signedInPage(browser, server, 'CONTOSO\\advanced1', ['Advanced Helpdesk']);
    await page.goto(`${server.url}/helpdesk`);
    const key = bobPc.keys[0]!;
    await page.fill('#field-keyId', key.keyId);
    await page.selectOption('#field-reason', 'BiosChanged');
    await page.click('form[aria-label="Drive Recovery"] button[type="submit"]');
    expect(
      ((await page.locator('#recovery-password').textContent()) ?? '').trim() === key.recoveryPassword,
    ).to.equal(true);
    const kp = await downloadOf(page, /key package/);
    expect(kp.name).to.match(/\.kpg$/);
    expect(kp.content.equals(key.keyPackage)).to.equal(true);

    await page.goto(`${server.url}/helpdesk/tpm`);
    await expectAccessible(page);
    await screenshot(page, 'helpdesk-manage-tpm');
    await page.fill('#field-computerDomain', 'contoso.com');
    await page.fill('#field-computerName', 'PC-BOB');
    await page.selectOption('#field-reason', 'ResetPinLockout');
    await page.click('form[aria-label="Manage TPM"] button[type="submit"]');
    await expectAccessible(page);
    await screenshot(page, 'helpdesk-manage-tpm-result');
    const tpm = await downloadOf(page, /TPM owner password file/);
    expect(tpm.name).to.equal('PC-BOB.tpm');
    const xml = tpm.content.toString('utf8');
    expect(xml).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml.includes(`<ownerAuth>${bobPc.tpmOwnerAuth}</ownerAuth>`)).to.equal(true);

    await page.goto(`${server.url}/helpdesk/computers?domain=contoso.com&name=PC-BOB`);
    expect(await page.locator('table').textContent()).to.contain(key.keyId);
    expect(await page.locator('table').textContent()).to.contain('not yet replaced');
    await expectAccessible(page);
    await screenshot(page, 'helpdesk-computer-keys');

    const actions = (await listAuditEntries(server.running().services.dbs.compliance))
      .filter((e) => e.actor === 'CONTOSO\\advanced1')
      .map((e) => [e.action, e.source, e.result]);
    expect(actions).to.deep.equal([
      ['helpdesk.recovery-key', 'helpdesk-portal', 'disclosed'],
      ['helpdesk.tpm-owner-auth', 'helpdesk-portal', 'disclosed'],
      ['helpdesk.computer-keys', 'helpdesk-portal', 'listed'],
    ]);
    await page.context().close();
  });

  it('a self-service user recovers their own drive on a phone and is refused another user’s computer', async () => {
    const page = await signedInPage(browser, server, 'CONTOSO\\alice', [], { width: 390, height: 844 });
    expect(new URL(page.url()).pathname).to.equal('/selfservice');
    await expectAccessible(page);
    await screenshot(page, 'selfservice');

    // the notice must be accepted
    const foreign = bobPc.keys[0]!;
    await page.fill('#field-keyId', foreign.keyId.slice(1, 9));
    await page.selectOption('#field-reason', 'LostPin');
    await page.click('form[aria-label="Get your recovery key"] button[type="submit"]');
    expect(await page.locator('.error-summary').textContent()).to.contain('accept the notice');

    await page.check('#field-acceptNotice');
    await page.click('form[aria-label="Get your recovery key"] button[type="submit"]');
    expect(await page.locator('.error-summary').textContent()).to.contain(
      'does not belong to a computer you',
    );
    expect(await page.locator('#recovery-password').count()).to.equal(0);
    await expectAccessible(page);
    await screenshot(page, 'selfservice-refused');

    const own = alicePc.keys[0]!;
    await server.discloseKey(own.keyId); // as the help desk did in the first test
    await page.fill('#field-keyId', own.keyId.slice(1, 9).toLowerCase());
    await page.selectOption('#field-reason', 'LostPassphrase');
    await page.check('#field-acceptNotice');
    await page.click('form[aria-label="Get your recovery key"] button[type="submit"]');
    expect(
      ((await page.locator('#recovery-password').textContent()) ?? '').trim() === own.recoveryPassword,
    ).to.equal(true);
    // already disclosed by the help desk in the first test: the page says so
    expect(await page.locator('main').textContent()).to.contain('had already been disclosed');
    await expectAccessible(page);
    await screenshot(page, 'selfservice-result');
    await page.context().close();
  });
});
