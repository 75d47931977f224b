// The page shown for a refused or failed request (403, 404, 500, CSRF): what happened and where to go.
import { Layout } from './layout';
import { usePageContext } from './page-context';

export interface ErrorPageProps {
  statusCode: number;
  message: string;
}

const TITLES: Record<number, string> = {
  400: 'This request could not be understood',
  401: 'Sign in required',
  403: 'Access denied',
  404: 'Page not found',
  409: 'This conflicts with what is already there',
  413: 'Too much data',
  429: 'Too many attempts',
  500: 'Something went wrong',
  503: 'Temporarily unavailable',
};

export function ErrorPage(props: ErrorPageProps) {
  const { principal } = usePageContext();
  return (
    <Layout title={TITLES[props.statusCode] ?? 'Something went wrong'}>
      <p>{props.message}</p>
      <p class="hint">Error {props.statusCode}</p>
      <p>{principal ? <a href="/">Go to your start page</a> : <a href="/signin">Sign in</a>}</p>
    </Layout>
  );
}
