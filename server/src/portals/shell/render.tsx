// The one way a portal page is answered: typed props, the page context provided to the shell, a
// doctype, `text/html; charset=utf-8` and no caching (pages can show secrets shown once).
import type { FastifyReply } from 'fastify';
import type { ComponentType } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { getBranding } from '../branding';
import { PageContextValue, pageContextOf } from './page-context';

export async function render<P extends object>(
  reply: FastifyReply,
  page: ComponentType<P>,
  props: NoInfer<P>,
  options: { status?: number } = {},
): Promise<FastifyReply> {
  const request = reply.request;
  const branding = await getBranding(request.server.services.dbs.recovery);
  const Page = page;
  const html = renderToString(
    <PageContextValue.Provider value={pageContextOf(request, branding)}>
      <Page {...props} />
    </PageContextValue.Provider>,
  );
  return reply
    .status(options.status ?? 200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>\n${html}`);
}

/** POST → redirect → GET, so a reload never re-submits a form. */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.redirect(location, 303);
}
