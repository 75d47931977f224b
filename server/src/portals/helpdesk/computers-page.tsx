// Help Desk › Computer keys (Advanced Helpdesk): the volumes and recovery key ids of one computer with
// their disclosure state; no secret (each key links to Drive Recovery, which asks for a reason).
import { ErrorSummary, Field, type FormErrors, Layout, SubmitButton } from '../shell';
import type { ComputerVolumes } from '../../recovery/recovery-types';
import { KeyState } from './recovery-parts';
import { HelpdeskTabs } from './tabs';

export interface ComputersPageProps {
  form: { domain: string; name: string };
  errors: FormErrors;
  computer: ComputerVolumes | null;
}

export function ComputersPage(props: ComputersPageProps) {
  const { form, errors, computer } = props;
  return (
    <Layout title="Computer keys" heading="Help Desk" lead="The volumes and recovery key ids of a computer.">
      <HelpdeskTabs current="/helpdesk/computers" advanced />
      <ErrorSummary errors={errors} />
      <form method="get" action="/helpdesk/computers" aria-label="Find a computer">
        <Field
          name="domain"
          label="Computer domain"
          hint="e.g. contoso.com"
          value={form.domain}
          error={errors.computerDomain ?? errors.domain}
          required
          autocomplete="off"
          spellcheck={false}
        />
        <Field
          name="name"
          label="Computer name"
          hint="e.g. PC-0001"
          value={form.name}
          error={errors.computerName ?? errors.name}
          required
          autocomplete="off"
          spellcheck={false}
        />
        <SubmitButton label="Show keys" />
      </form>
      {computer ? (
        <section aria-labelledby="computer-heading">
          <h2 id="computer-heading">
            {computer.computerName} ({computer.domain})
          </h2>
          <p>
            TPM:{' '}
            {computer.tpm.present ? `present, version ${computer.tpm.version ?? 'unknown'}` : 'not present'};
            owner password {computer.tpm.ownerAuthEscrowed ? 'escrowed' : 'not escrowed'}.
          </p>
          {computer.keys.length === 0 ? (
            <p>No recovery keys are escrowed for this computer.</p>
          ) : (
            <div class="table-wrap">
              <table class="responsive">
                <caption>Recovery keys</caption>
                <thead>
                  <tr>
                    <th scope="col">Drive</th>
                    <th scope="col">Volume</th>
                    <th scope="col">Recovery key id</th>
                    <th scope="col">Escrowed</th>
                    <th scope="col">State</th>
                  </tr>
                </thead>
                <tbody>
                  {computer.keys.map((k) => (
                    <tr key={k.keyId + k.volumeId}>
                      <td data-label="Drive">
                        {k.mountPoint ?? '—'} {k.driveType}
                      </td>
                      <td data-label="Volume" class="mono">
                        {k.volumeId}
                      </td>
                      <td data-label="Recovery key id">
                        <a
                          href={`/helpdesk?keyId=${encodeURIComponent(k.keyId.replace(/[{}]/g, ''))}`}
                          class="mono"
                        >
                          {k.keyId}
                        </a>
                      </td>
                      <td data-label="Escrowed">{k.escrowedAt.slice(0, 10)}</td>
                      <td data-label="State">
                        <KeyState keyMatch={k} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </Layout>
  );
}
