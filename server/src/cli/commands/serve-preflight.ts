// What `serve` checks before it opens the databases, so an unreadable TLS file or an address this
// machine cannot listen on gets a teaching message, not a stack trace after the migrations ran.
// (startServer itself creates the first administrator only once it listens: runtime/server.ts.)
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createSecureContext } from 'node:tls';
import type { ServerConfig } from '../../config/schema';
import { UserError } from '../../errors';

export async function checkBeforeServing(config: ServerConfig): Promise<void> {
  if (config.tls) checkTls(config.tls);
  await checkListen(config.host, config.port);
}

function checkTls(tls: { certFile: string; keyFile: string }): void {
  const read = (file: string, setting: string, what: string) => {
    try {
      return readFileSync(file);
    } catch (cause) {
      throw new UserError(
        'invalid_configuration',
        `${setting} cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'}); expected a PEM ${what} file readable by the server, e.g. /etc/openmbam/tls/server.pem.`,
        { field: setting, cause },
      );
    }
  };
  const cert = read(tls.certFile, 'tls.certFile', 'certificate');
  const key = read(tls.keyFile, 'tls.keyFile', 'private key');
  try {
    createSecureContext({ cert, key });
  } catch (cause) {
    // the message is OpenSSL's ("key values mismatch", "no start line"): it never holds the key itself
    throw new UserError(
      'invalid_configuration',
      `tls.certFile and tls.keyFile are not a PEM certificate and its private key (${(cause as Error).message}).`,
      { field: 'tls.certFile', cause },
    );
  }
}

const LISTEN_PROBLEMS: Record<string, string> = {
  EADDRINUSE: 'the port is already in use; stop the other server or choose another --port',
  EADDRNOTAVAIL: 'the address is not one of this machine; choose another --host, e.g. 0.0.0.0 or 127.0.0.1',
  ENOTFOUND: 'the host name does not resolve; choose an address of this machine with --host',
  EAI_AGAIN: 'the host name does not resolve; choose an address of this machine with --host',
  EACCES: 'ports below 1024 need privileges; choose a port such as 8443 with --port',
};

/** Opens and closes a listener on the address, so an address that cannot serve is refused first. */
async function checkListen(host: string, port: number): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (cause: NodeJS.ErrnoException) => {
      const why = LISTEN_PROBLEMS[cause.code ?? ''];
      reject(
        why
          ? new UserError('invalid_configuration', `Cannot listen on ${host} port ${port}: ${why}.`, {
              field: '--host/--port',
              cause,
            })
          : cause,
      );
    });
    probe.listen({ host, port }, () => probe.close(() => resolve()));
  });
}
