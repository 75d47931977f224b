// The page shell of every portal: skip link, banner, navigation, one main landmark with the page's
// h1, footer. Pure markup: styles are in /static/app.css and behaviour in /static/app.js (the CSP
// forbids inline scripts and styles), and everything works without JavaScript.
import type { ComponentChildren } from 'preact';
import { CsrfField } from './forms';
import { currentPage } from './navigation';
import { usePageContext } from './page-context';

export interface LayoutProps {
  /** the page's name: used for <title> and, unless `heading` is given, the h1 */
  title: string;
  heading?: string;
  /** a sentence under the heading */
  lead?: string;
  children?: ComponentChildren;
}

export function Layout(props: LayoutProps) {
  const ctx = usePageContext();
  const { branding, principal, nav } = ctx;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="csrf-token" content={ctx.csrfToken} />
        <title>{`${props.title} · ${branding.companyName} BitLocker`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/app.js" defer />
      </head>
      <body
        data-idle-timeout={ctx.idle ? String(ctx.idle.timeoutSeconds) : undefined}
        data-idle-warning={ctx.idle ? String(ctx.idle.warningSeconds) : undefined}
      >
        <a class="skip-link" href="#main">
          Skip to main content
        </a>
        <header class="banner">
          <div class="banner-inner">
            <a class="brand" href="/">
              <span class="brand-company">{branding.companyName}</span>
              <span class="brand-product">BitLocker Administration and Monitoring</span>
            </a>
            {principal ? (
              <div class="who">
                <span class="who-name" title={principal.userName}>
                  {principal.displayName}
                </span>
                <form method="post" action="/signout" class="inline">
                  <CsrfField />
                  <button type="submit" class="link-button">
                    Sign out
                  </button>
                </form>
              </div>
            ) : null}
          </div>
          {nav.length > 0 ? (
            <nav aria-label="Portals" class="portals">
              <ul>
                {nav.map((item) => (
                  <li key={item.href}>
                    <a href={item.href} aria-current={currentPage(ctx.path, item.href)}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" tabIndex={-1}>
          <h1>{props.heading ?? props.title}</h1>
          {props.lead ? <p class="lead">{props.lead}</p> : null}
          {props.children}
        </main>
        <footer class="site-footer">
          <p>
            {branding.helpdeskUrl ? (
              <a href={branding.helpdeskUrl}>{branding.helpdeskText}</a>
            ) : (
              branding.helpdeskText
            )}
          </p>
        </footer>
        {ctx.idle ? <IdleWarning /> : null}
      </body>
    </html>
  );
}

/** Shown by app.js before the idle timeout ends the session; hidden (and inert) without JavaScript. */
function IdleWarning() {
  return (
    <div id="idle-warning" class="idle-warning" role="alertdialog" aria-labelledby="idle-title" hidden>
      <h2 id="idle-title">Still there?</h2>
      <p>
        For your security you will be signed out in <span id="idle-seconds">60</span> seconds.
      </p>
      <button type="button" id="idle-stay">
        Stay signed in
      </button>
    </div>
  );
}
