// What one end-to-end test file shares (built once in beforeAll): the tools, a container runner, a test
// PKI, the emulated image trust store and two HTTPS servers. Configs are written per case and
// synthesized with the real `synthesize()`; pods start from its output only.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { type SynthesisResult, synthesize } from '../../../lib/app/synthesize';
import { createTestPki, type IssuedCertificate } from '../../support/pki';
import { CLIENTS, type ClientName, type ClientOutcome, describeOutcomes, runClients } from './clients';
import { clusterConfigMaps } from './config-maps';
import { TaskPod } from './pod';
import {
  type AgentRelease,
  type PodTemplate,
  podTemplateOf,
  type SynthesizedFiles,
  templatePath,
} from './pod-spec';
import { type ContainerRunner, makeRunner, makeScratch } from './run-container';
import { buildSystemImage, type SystemImage } from './system-image';
import { startTlsServer, type TlsServer } from './tls-server';
import { type RunnerChoice, requirePythonWithRequests, requireTool } from './tools';

/** The path of the stand-in public root below /usr/share/ca-certificates, as Debian lays out mozilla/. */
export const STAND_IN_PATH = 'stand-in/E2E_Stand-in_Public_Root.crt';

export interface E2eCas {
  /** Root of the custom PKI; the server below it sends leaf + intermediate. */
  readonly root: IssuedCertificate;
  readonly intermediate: IssuedCertificate;
  /** Plays a public (Mozilla) root: listed in the emulated image's /etc/ca-certificates.conf. */
  readonly standInRoot: IssuedCertificate;
  /** A root that issued nothing the servers use. */
  readonly unrelatedRoot: IssuedCertificate;
}

export interface E2e {
  readonly choice: RunnerChoice;
  readonly runner: ContainerRunner;
  readonly scratch: string;
  readonly python: string;
  readonly image: SystemImage;
  readonly cas: E2eCas;
  /** `custom`: leaf under the custom intermediate and root; `standIn`: leaf under the stand-in public root. */
  readonly servers: { readonly custom: TlsServer; readonly standIn: TlsServer };
  /** Writes `config` as YAML and synthesizes it. */
  synth(
    name: string,
    config: object,
    options?: { readonly publicRoots?: readonly string[] },
  ): SynthesisResult;
  /** A pod from the synthesized template of `release`, optionally mutated first (a deep copy). */
  startPod(
    name: string,
    files: SynthesizedFiles,
    release: AgentRelease,
    mutate?: (template: PodTemplate) => void,
  ): Promise<TaskPod>;
  close(): Promise<void>;
}

export async function setUpE2e(choice: RunnerChoice): Promise<E2e> {
  const started = Date.now();
  // Missing programs fail here, by name.
  requireTool('update-ca-certificates', "Debian's ca-certificates: the init container's command");
  requireTool('openssl', 'makes the test PKI and is a TLS client (s_client)');
  requireTool('curl', 'a TLS client using the default CA bundle path');
  requireTool('sh', 'runs the init command /bin/sh -c');
  const python = requirePythonWithRequests();

  const scratch = makeScratch('clearml-trust-e2e');
  const servers: TlsServer[] = [];
  try {
    const runner = makeRunner(choice.kind, scratch);
    const pki = createTestPki(path.join(scratch, 'pki'));
    const root = pki.makeRootCa({ cn: 'E2E Corp Root CA', subjectPrefix: '/O=E2E Corp' });
    const intermediate = pki.makeIntermediateCa(root, { cn: 'E2E Corp Issuing CA', pathLen: 0 });
    const sans = ['DNS:localhost', 'IP:127.0.0.1'];
    const leaf = pki.makeLeaf(intermediate, { cn: 'localhost', sans });
    const standInRoot = pki.makeRootCa({ cn: 'E2E Stand-in Public Root', subjectPrefix: '/O=Public Trust' });
    const standInLeaf = pki.makeLeaf(standInRoot, { cn: 'localhost', sans });
    const unrelatedRoot = pki.makeRootCa({ cn: 'E2E Unrelated Root CA' });

    const image = await buildSystemImage(
      path.join(scratch, 'image'),
      [{ relativePath: STAND_IN_PATH, pem: standInRoot.pem }],
      runner,
    );
    const read = (file: string) => fs.readFileSync(file, 'utf8');
    servers.push(
      await startTlsServer({
        name: 'custom',
        keyPem: read(leaf.keyPath),
        chainPem: leaf.pem + intermediate.pem,
      }),
    );
    servers.push(
      await startTlsServer({
        name: 'stand-in',
        keyPem: read(standInLeaf.keyPath),
        chainPem: standInLeaf.pem,
      }),
    );
    const [custom, standIn] = servers;
    console.log(
      `[e2e] runner: ${choice.kind} (${choice.reason})\n[e2e] ${runner.description}\n` +
        `[e2e] setup (PKI, image trust store, servers on ${custom.port} and ${standIn.port}): ${Date.now() - started} ms`,
    );

    return {
      choice,
      runner,
      scratch,
      python,
      image,
      cas: { root, intermediate, standInRoot, unrelatedRoot },
      servers: { custom, standIn },
      synth(name, config, options = {}) {
        const dir = path.join(scratch, 'configs', name);
        fs.mkdirSync(dir, { recursive: true });
        const configFile = path.join(dir, 'clearml-trust.yaml');
        fs.writeFileSync(configFile, stringify(config));
        return synthesize({ configFile, now: () => new Date(), ...options });
      },
      startPod(name, files, release, mutate) {
        const synthesized = podTemplateOf(files, release);
        if (!synthesized) throw new Error(`${release.valuesFile} has no ${templatePath(release)}`);
        const template = structuredClone(synthesized);
        mutate?.(template);
        return TaskPod.start({
          name,
          template,
          namespace: release.namespace,
          configMaps: clusterConfigMaps(files, [release]),
          image,
          runner,
          scratch,
        });
      },
      async close() {
        await Promise.all(servers.map((s) => s.close()));
        fs.rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(servers.map((s) => s.close()));
    fs.rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}

export type Verdict = 'trusted' | 'rejected';

function verdictOf(outcome: ClientOutcome): string {
  if (outcome.ok) return 'trusted';
  return outcome.verifyFailed ? 'rejected' : 'failed for another reason';
}

/**
 * Runs `clients` in the pod's task container against `server` and checks each verdict. `rejected` means
 * the certificate did not verify: a failure for any other reason (no route, missing file) does not count.
 */
export async function expectClients(
  e2e: E2e,
  pod: TaskPod,
  server: TlsServer,
  expected: Verdict | Partial<Record<ClientName, Verdict>>,
): Promise<ClientOutcome[]> {
  const wanted: Partial<Record<ClientName, Verdict>> =
    typeof expected === 'string' ? Object.fromEntries(CLIENTS.map((c) => [c, expected])) : expected;
  const clients = CLIENTS.filter((c) => wanted[c] !== undefined);
  const outcomes = await runClients(pod, server, e2e.python, clients);
  const got = outcomes.map((o) => `${o.client} -> ${o.server}: ${verdictOf(o)}`);
  const want = clients.map((c) => `${c} -> ${server.name}: ${wanted[c]}`);
  if (got.join('\n') !== want.join('\n')) {
    throw new Error(`expected\n${want.join('\n')}\nbut got\n${describeOutcomes(outcomes)}`);
  }
  expect(got).toEqual(want);
  return outcomes;
}
