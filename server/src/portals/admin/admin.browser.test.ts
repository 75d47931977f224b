// Sign-in, the forced password change, administration, refusals and the idle timeout in real headless
// Chromium, with axe-core on every page and screenshots for the README (docs/screenshots/).
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { createTestUser, TEST_PASSWORD } from '../../people/testing';
import { type TestServer, removeDataDir, startTestServer } from '../../test-support/server';
import { launchChromium, screenshot, seriousViolations } from '../helpdesk/browser-support';

async function expectAccessible(page: Page): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${page.url()}: ${JSON.stringify(violations)}`).to.deep.equal([]);
}

async function signIn(page: Page, url: string, userName: string, password: string): Promise<void> {
  await page.goto(`${url}/signin`);
  await page.getByLabel('User name').fill(userName);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/signin')),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

describe('sign-in and administration in Chromium', function () {
  this.timeout(180_000);
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDataDir(server.dataDir);
  });

  it('the first administrator signs in with the one-time password printed at first start and must change it', async () => {
    const oneTimePassword = /one-time password: (\S+)/.exec(server.logs())![1]!;
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
    await page.goto(`${server.url}/signin`);
    expect(await page.locator('h1').textContent()).to.equal('Sign in');
    await expectAccessible(page);
    await screenshot(page, 'signin');

    await signIn(page, server.url, 'admin', oneTimePassword);
    expect(new URL(page.url()).pathname).to.equal('/account/password');
    await expectAccessible(page);
    await page.getByLabel('One-time password').fill(oneTimePassword);
    await page.getByLabel('New password', { exact: true }).fill('admin');
    await page.getByLabel('New password again').fill('admin');
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await page.locator('.error-summary').textContent()).to.contain('too short');
    await expectAccessible(page);
    await screenshot(page, 'change-password-error');
    await page.getByLabel('One-time password').fill(oneTimePassword);
    await page.getByLabel('New password', { exact: true }).fill('four unrelated words: lamp river cobalt');
    await page.getByLabel('New password again').fill('four unrelated words: lamp river cobalt');
    await Promise.all([
      page.waitForURL(`${server.url}/admin`),
      page.getByRole('button', { name: 'Change password' }).click(),
    ]);
    expect(await page.locator('h1').textContent()).to.equal('Administration');
    await expectAccessible(page);
    await screenshot(page, 'admin');
  });

  it('a System Administrator uses every administration page', async () => {
    await createTestUser(server.running().services.dbs.recovery, 'sysadmin', ['System Administrators']);
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
    await signIn(page, server.url, 'sysadmin', TEST_PASSWORD);

    await page.goto(`${server.url}/admin/enrollment-tokens`);
    await page.getByLabel('Name').fill('Laptops, Q4 rollout');
    await page.getByRole('button', { name: 'Create token' }).click();
    expect(await page.locator('#new-enrollment-token').textContent()).to.match(/^mbamenroll_/);
    expect(await page.getByRole('button', { name: 'Copy' }).isVisible()).to.equal(true);
    await expectAccessible(page);
    await screenshot(page, 'admin-enrollment-tokens');

    await page.goto(`${server.url}/admin/users`);
    await page.getByLabel('User name').fill('CONTOSO\\helpdesk7');
    await page.getByLabel('Display name').fill('Help Desk 7');
    await page.getByLabel('Helpdesk', { exact: true }).check();
    await page.getByRole('button', { name: 'Add user' }).click();
    expect(await page.locator('#one-time-password').textContent()).to.match(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    await expectAccessible(page);
    await screenshot(page, 'admin-users');
    await page.getByRole('link', { name: 'CONTOSO\\helpdesk7' }).click();
    await page.getByLabel('Advanced Helpdesk').check();
    await page.getByRole('button', { name: 'Save roles' }).click();
    expect(await page.locator('.notice').textContent()).to.contain('Roles saved');
    await expectAccessible(page);
    await screenshot(page, 'admin-user');

    await page.goto(`${server.url}/admin/role-mappings`);
    await page.getByLabel('Group or app role').fill('MBAM Advanced Helpdesk Users');
    await page.getByLabel('Grants the role').selectOption('Advanced Helpdesk');
    await page.getByRole('button', { name: 'Add mapping' }).click();
    expect(await page.locator('main table').textContent()).to.contain('MBAM Advanced Helpdesk Users');
    await expectAccessible(page);
    await screenshot(page, 'admin-role-mappings');

    await page.goto(`${server.url}/admin/branding`);
    await page.getByLabel('Help desk link').fill('ftp://nope');
    await page.getByRole('button', { name: 'Save branding' }).click();
    expect(await page.locator('#field-helpdeskUrl-error').textContent()).to.contain('Help desk link must be');
    await expectAccessible(page);
    await page.getByLabel('Company name').fill('Woodgrove Bank IT');
    await page.getByLabel('Help desk link').fill('https://it.woodgrove.example/help');
    await page.getByRole('button', { name: 'Save branding' }).click();
    expect(await page.locator('.brand-company').textContent()).to.equal('Woodgrove Bank IT');
    await screenshot(page, 'admin-branding');

    for (const [path, name] of [
      ['/admin/devices', 'admin-devices'],
      ['/admin/configuration', 'admin-configuration'],
    ] as const) {
      await page.goto(server.url + path);
      await expectAccessible(page);
      await screenshot(page, name);
    }

    await page.goto(`${server.url}/account`);
    await page.getByLabel('Token name').fill('nightly export');
    await page.getByRole('button', { name: 'Create token' }).click();
    expect(await page.locator('#new-token').textContent()).to.match(/^mbamapi_/);
    await expectAccessible(page);
    await screenshot(page, 'account-api-tokens');
  });

  it('refuses the help desk to a Report User with a 403 page, on a phone', async () => {
    await createTestUser(server.running().services.dbs.recovery, 'reporter', ['Report Users']);
    const page = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
    ).newPage();
    await signIn(page, server.url, 'reporter', TEST_PASSWORD);
    const response = await page.goto(`${server.url}/helpdesk`);
    expect(response!.status()).to.equal(403);
    expect(await page.locator('h1').textContent()).to.equal('Access denied');
    expect(await page.locator('main').textContent()).to.contain('it needs Helpdesk or Advanced Helpdesk');
    await expectAccessible(page);
    await screenshot(page, 'access-denied-phone');
    const admin = await page.goto(`${server.url}/admin`);
    expect(admin!.status()).to.equal(403);
  });

  it('warns before the idle timeout and signs out when it ends', async () => {
    await createTestUser(server.running().services.dbs.recovery, 'sleepy', ['Report Users']);
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const page = await context.newPage();
    await page.clock.install();
    await signIn(page, server.url, 'sleepy', TEST_PASSWORD);
    await page.goto(`${server.url}/account`);
    const warning = page.getByRole('alertdialog');
    expect(await warning.isVisible()).to.equal(false);
    // 14 minutes later the warning appears (staff idle timeout 15 minutes, warning 60 s before)
    await page.clock.fastForward('14:05');
    await warning.waitFor({ state: 'visible' });
    expect(await warning.textContent()).to.contain('you will be signed out in');
    await expectAccessible(page);
    await screenshot(page, 'idle-warning');
    // the server's clock has moved too: the session is idle past its limit
    const db = server.running().services.dbs.recovery;
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 901_000).toISOString() })
      .where('user_name', '=', 'sleepy')
      .execute();
    await Promise.all([page.waitForURL(/\/signin\?reason=idle/), page.clock.fastForward('01:00')]);
    expect(await page.locator('.notice').textContent()).to.contain(
      'signed out because the page was left unused',
    );
    // and the session is gone: the account page sends to sign-in
    await page.goto(`${server.url}/account`);
    expect(new URL(page.url()).pathname).to.equal('/signin');
  });

  it('CSRF-less posts from another site are refused', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, server.url, 'sysadmin', TEST_PASSWORD);
    // a form without the token, as a forged cross-site page would send it (SameSite=Lax aside)
    await page.setContent(
      `<form method="post" action="${server.url}/admin/enrollment-tokens"><input name="uses" value="1"><input name="expiresInDays" value="1"><button>go</button></form>`,
    );
    const [response] = await Promise.all([page.waitForNavigation(), page.click('button')]);
    expect(response!.status()).to.equal(403);
  });
});
