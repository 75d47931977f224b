import { Layout } from '../shell';
import { AdminNav } from './admin-nav';

export function ConfigurationPage(props: { json: string }) {
  return (
    <Layout
      title="Configuration"
      lead="The configuration in force on this server instance: defaults, the config file, OPENMBAM_* variables and flags. Change it there; secrets are not shown."
    >
      <AdminNav />
      <pre class="config" tabIndex={0} aria-label="Effective configuration (JSON)">
        <code>{props.json}</code>
      </pre>
    </Layout>
  );
}
