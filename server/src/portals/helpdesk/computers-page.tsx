// Help Desk › Computer keys (Advanced Helpdesk): the volumes and recovery key ids of one computer with
// their disclosure state; no secret (each key links to Drive Recovery, which asks for a reason).
import { ErrorSummary, type FormErrors, Layout, ListTable, SubmitButton } from '../shell';
import type { ComputerVolumes } from '../../recovery/recovery-types';
import { ComputerFields, KeyState, driveOf, driveRecoveryHref } from './recovery-parts';
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
        {/* ?domain=&name= in the link; the service's errors name computerDomain and computerName */}
        <ComputerFields
          names={{ domain: 'domain', computerName: 'name' }}
          domain={form.domain}
          computerName={form.name}
          domainError={errors.computerDomain ?? errors.domain}
          computerNameError={errors.computerName ?? errors.name}
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
            <ListTable
              caption="Recovery keys"
              columns={['Drive', 'Volume', 'Recovery key id', 'Escrowed', 'State']}
            >
              {computer.keys.map((k) => (
                <tr key={k.keyId + k.volumeId}>
                  <td data-label="Drive">{driveOf(k)}</td>
                  <td data-label="Volume" class="mono">
                    {k.volumeId}
                  </td>
                  <td data-label="Recovery key id">
                    <a href={driveRecoveryHref(k)} class="mono">
                      {k.keyId}
                    </a>
                  </td>
                  <td data-label="Escrowed">{k.escrowedAt.slice(0, 10)}</td>
                  <td data-label="State">
                    <KeyState keyMatch={k} />
                  </td>
                </tr>
              ))}
            </ListTable>
          )}
        </section>
      ) : null}
    </Layout>
  );
}
