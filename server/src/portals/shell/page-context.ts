// What every page needs from its request, handed to components through a preact context so that
// `<CsrfField/>` and the layout need no props threaded through each page.
import type { FastifyRequest } from 'fastify';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Principal } from '../../people/principal';
import type { Branding } from '../branding';
import { type NavItem, navigationFor } from './navigation';

export interface PageContext {
  principal: Principal | null;
  /** the CSRF token every form of this page must carry (`<CsrfField/>`) */
  csrfToken: string;
  /** the request path without its query, for "current page" navigation marks */
  path: string;
  branding: Branding;
  /** the portals this person may open */
  nav: NavItem[];
  /** idle timeout of the signed-in session, for the warning shown before it ends */
  idle: { timeoutSeconds: number; warningSeconds: number } | null;
}

export const PageContextValue = createContext<PageContext | null>(null);

export function usePageContext(): PageContext {
  const context = useContext(PageContextValue);
  if (!context) throw new Error('A portal component was rendered outside render(reply, page, props).');
  return context;
}

export function pageContextOf(request: FastifyRequest, branding: Branding): PageContext {
  return {
    principal: request.principal ?? null,
    csrfToken: request.csrfToken,
    path: request.url.split('?')[0] ?? '/',
    branding,
    nav: navigationFor(request.principal ?? null, (url) => request.server.hasRoute({ method: 'GET', url })),
    idle: request.session
      ? { timeoutSeconds: request.session.idleTimeoutSeconds, warningSeconds: request.session.warningSeconds }
      : null,
  };
}
