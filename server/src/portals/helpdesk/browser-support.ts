// Headless Chromium for the portal tests (playwright-core + Debian's chromium), signing in as a local
// user, axe-core in the page, and screenshots for the README.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { addLocalUser } from '../../people/local-users';
import type { Role } from '../../people/roles';
import type { TestServer } from '../../test-support/server';

export const SCREENSHOTS = join(import.meta.dirname, '../../../../docs/screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Creates a local account (no forced password change) and signs it in on a new page. */
export async function signedInPage(
  browser: Browser,
  server: TestServer,
  userName: string,
  roles: Role[],
  viewport = { width: 1200, height: 900 },
): Promise<Page> {
  const db = server.running().services.dbs.recovery;
  const { oneTimePassword } = await addLocalUser(db, { userName, roles });
  await db
    .updateTable('local_users')
    .set({ must_change_password: 0 })
    .where('user_key', '=', userName.toUpperCase())
    .execute();
  const context = await browser.newContext({ acceptDownloads: true, viewport });
  const page = await context.newPage();
  await page.goto(`${server.url}/signin`);
  await page.fill('input[name="userName"]', userName);
  await page.fill('input[name="password"]', oneTimePassword);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/signin')),
    page.click('main button[type="submit"]'),
  ]);
  return page;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/** Serious and critical axe-core violations of the page as it is now (WCAG 2.x A/AA rules). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource); // via the DevTools protocol: the page's CSP does not apply
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{
            violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
