// An HTTPS server on 127.0.0.1 for the clients to verify: it sends its leaf and the intermediate CA,
// as a correctly configured server does, so clients need only the root.

import * as https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface TlsServer {
  readonly name: string;
  readonly port: number;
  /** `https://127.0.0.1:<port>/` (the leaf carries IP:127.0.0.1 and DNS:localhost). */
  readonly url: string;
  close(): Promise<void>;
}

export interface TlsServerOptions {
  readonly name: string;
  readonly keyPem: string;
  /** The leaf first, then the intermediates. */
  readonly chainPem: string;
}

export function startTlsServer(options: TlsServerOptions): Promise<TlsServer> {
  const server = https.createServer({ key: options.keyPem, cert: options.chainPem }, (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
    response.end(`${options.name} ok\n`);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Port 0: the kernel picks a free port, so parallel test runs never collide.
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        name: options.name,
        port,
        url: `https://127.0.0.1:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
