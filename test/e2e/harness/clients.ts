// The TLS clients a ClearML task uses, each started in the task container's view with only the
// template's env: Python requests (relies on REQUESTS_CA_BUNDLE), curl and `openssl s_client` (both use
// OpenSSL's defaults: SSL_CERT_FILE if set, else /etc/ssl/certs/ca-certificates.crt, plus the hashed
// CApath /etc/ssl/certs).

import type { TaskPod } from './pod';
import type { ProcessResult } from './process';
import type { DefaultCaUser } from './run-container';
import type { TlsServer } from './tls-server';

export type ClientName = 'python-requests' | 'curl' | 'openssl';

export const CLIENTS: readonly ClientName[] = ['python-requests', 'curl', 'openssl'];

export interface ClientOutcome {
  readonly client: ClientName;
  readonly server: string;
  /** The request succeeded and the server's certificate chain was verified. */
  readonly ok: boolean;
  /** It failed because the chain did not verify (not for any other reason). */
  readonly verifyFailed: boolean;
  readonly result: ProcessResult;
}

interface ClientCommand {
  readonly argv: readonly string[];
  readonly defaultCaUser?: DefaultCaUser;
  readonly ok: (r: ProcessResult) => boolean;
  readonly verifyFailed: (r: ProcessResult) => boolean;
}

const PYTHON_GET = 'import sys, requests; print(requests.get(sys.argv[1], timeout=10).status_code)';

function command(client: ClientName, server: TlsServer, python: string): ClientCommand {
  switch (client) {
    case 'python-requests':
      return {
        argv: [python, '-c', PYTHON_GET, server.url],
        ok: (r) => r.code === 0 && r.stdout.trim() === '200',
        verifyFailed: (r) => r.code !== 0 && r.stderr.includes('CERTIFICATE_VERIFY_FAILED'),
      };
    case 'curl':
      // No --cacert: curl's built-in CAfile is /etc/ssl/certs/ca-certificates.crt and CApath
      // /etc/ssl/certs; the curl tool honours CURL_CA_BUNDLE, then SSL_CERT_FILE / SSL_CERT_DIR. `-q`
      // keeps a ~/.curlrc of this machine out.
      return {
        argv: ['curl', '-q', '-sS', '--max-time', '10', '-o', '/dev/null', '-w', '%{http_code}', server.url],
        defaultCaUser: 'curl',
        ok: (r) => r.code === 0 && r.stdout.trim() === '200',
        // 60: CURLE_PEER_FAILED_VERIFICATION.
        verifyFailed: (r) => r.code === 60 && r.stderr.includes('SSL certificate problem'),
      };
    case 'openssl':
      // No -CAfile/-CApath: OpenSSL's default verify paths (SSL_CERT_FILE / SSL_CERT_DIR, else the
      // built-in /usr/lib/ssl/cert.pem and /usr/lib/ssl/certs, which link to /etc/ssl/certs).
      return {
        argv: [
          'openssl',
          's_client',
          '-brief',
          '-verify_return_error',
          '-connect',
          `127.0.0.1:${server.port}`,
          '-servername',
          'localhost',
          '-verify_hostname',
          'localhost',
        ],
        defaultCaUser: 'openssl',
        ok: (r) => r.code === 0 && r.stderr.includes('Verification: OK'),
        verifyFailed: (r) => r.code !== 0 && /verify error:num=\d+|certificate verify failed/.test(r.stderr),
      };
  }
}

/** Runs the clients against `server` in parallel, each in its own run of the task container. */
export async function runClients(
  pod: TaskPod,
  server: TlsServer,
  python: string,
  clients: readonly ClientName[] = CLIENTS,
): Promise<ClientOutcome[]> {
  return Promise.all(
    clients.map(async (client) => {
      const c = command(client, server, python);
      const result = await pod.runTask(`${client}->${server.name}`, c.argv, c.defaultCaUser);
      return { client, server: server.name, ok: c.ok(result), verifyFailed: c.verifyFailed(result), result };
    }),
  );
}

/** One line per outcome, for failure messages and the test log. */
export function describeOutcomes(outcomes: readonly ClientOutcome[]): string {
  return outcomes
    .map((o) => {
      const verdict = o.ok ? 'OK' : o.verifyFailed ? 'VERIFY FAILED' : 'FAILED (other reason)';
      const output = `${o.result.stdout}${o.result.stderr}`.trim().split('\n').slice(-3).join(' | ');
      return `  ${o.client} -> ${o.server}: ${verdict} (exit ${o.result.code}, ${o.result.ms} ms) ${output}`;
    })
    .join('\n');
}
