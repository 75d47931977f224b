// Writes warnings, errors and the MBAM-like events to the Windows Application log under the source the
// installer registers ("OpenMBAM Agent"). One PowerShell call per entry, in order; the text goes on stdin.
import { EVENT_IDS, type LogSink } from '../../service/log';
import { runWindowsPowerShell, type RunPowerShell } from './powershell';

export const EVENT_SOURCE = 'OpenMBAM Agent';

export function eventLogSink(run: RunPowerShell = runWindowsPowerShell): LogSink {
  let chain = Promise.resolve();
  return (entry) => {
    const id = EVENT_IDS[entry.event];
    if (id === undefined && entry.level !== 'warn' && entry.level !== 'error') return;
    const type = entry.level === 'error' ? 'Error' : entry.level === 'warn' ? 'Warning' : 'Information';
    const script = `Write-EventLog -LogName Application -Source '${EVENT_SOURCE}' -EventId ${id ?? 1000} -EntryType ${type} -Message ([Console]::In.ReadToEnd())`;
    chain = chain
      .then(() => run(script, { stdin: `${entry.message}\n${JSON.stringify(entry)}` }))
      .then(
        () => undefined,
        () => undefined,
      );
  };
}
