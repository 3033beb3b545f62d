// Issue 4: proves end to end that the synthesized task pod template makes TLS clients trust the CAs.
// Each case synthesizes a config with the real synthesize(), materializes the template's volumes as
// the kubelet would, runs the init container's own command, then runs Python requests, curl and
// openssl s_client in the task container's view against HTTPS servers on 127.0.0.1.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { type E2e, expectClients, setUpE2e } from './harness/fixture';
import { PodFailure } from './harness/pod';
import {
  type AgentRelease,
  agentRelease,
  appsAgentRelease,
  customCertificatesOf,
  podTemplateOf,
  type SynthesizedFiles,
  templatePath,
} from './harness/pod-spec';
import { chooseRunner } from './harness/tools';

// Decided at load time so the test names say which way the containers run.
const choice = chooseRunner();

jest.setTimeout(60_000);

const BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

const releases = {
  chart: agentRelease('team-chart', 'clearml-agent', 'team-chart'),
  project: agentRelease('team-project', 'clearml-agent', 'team-project'),
  restricted: agentRelease('team-restricted', 'clearml-agent', 'team-restricted'),
  propagate: agentRelease('team-propagate', 'clearml-agent', 'team-propagate'),
  none: agentRelease('team-none', 'clearml-agent', 'team-none'),
  apps: appsAgentRelease('clearml-enterprise', 'clearml'),
};

function agentTenant(release: AgentRelease, name: string, settings: object = {}): object {
  return { name, agent: { releaseName: release.releaseName, namespace: release.namespace, ...settings } };
}

/** Occurrences of a certificate's base64 body in a bundle. */
function countIn(bundle: string, pem: string): number {
  const body = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  return bundle.replace(/\s+/g, '').split(body).length - 1;
}

describe(`task pod trust, end to end [runner: ${choice.kind}]`, () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await setUpE2e(choice);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const certificates = () => [
    { path: e2e.cas.root.certPath, alias: 'e2e-root-ca' },
    { path: e2e.cas.intermediate.certPath, alias: 'e2e-issuing-ca' },
  ];

  describe('append mode (extraCerts + init container running update-ca-certificates)', () => {
    let files: SynthesizedFiles;
    beforeAll(() => {
      files = e2e.synth('append', {
        certificates: certificates(),
        mode: 'append',
        tenants: [
          agentTenant(releases.chart, 'team-chart'),
          agentTenant(releases.project, 'team-project', { caConfigMaps: 'project' }),
          agentTenant(releases.restricted, 'team-restricted', { podSecurity: 'restricted' }),
          agentTenant(releases.propagate, 'team-propagate', { taskPods: 'propagateToTasks' }),
          agentTenant(releases.none, 'team-none', { taskPods: 'none' }),
        ],
        controlPlane: { releaseName: releases.apps.releaseName, namespace: releases.apps.namespace },
      }).files;
    });

    test.each([
      ['Agent, chart-owned ConfigMaps', 'chart'],
      ['Agent, project-owned ConfigMaps (caConfigMaps: project)', 'project'],
      ['Apps Agent (controlPlane), chart-owned ConfigMaps', 'apps'],
    ] as const)('%s: the custom root and the stand-in public root are both trusted', async (_, key) => {
      const release = releases[key];
      const pod = await e2e.startPod(`append-${key}`, files, release);
      expect(pod.initResults.map((r) => [r.container, r.runAs, r.result.code])).toEqual([
        ['init-task', 'root (no securityContext)', 0],
      ]);
      const bundle = fs.readFileSync(path.join(pod.hostPath('etc-ssl-certs'), 'ca-certificates.crt'), 'utf8');
      // find -L over the atomic writer's layout (timestamped folder, ..data, key symlink): three copies.
      expect(countIn(bundle, e2e.cas.root.pem)).toBe(3);
      expect(countIn(bundle, e2e.cas.standInRoot.pem)).toBe(1);
      await Promise.all([
        expectClients(e2e, pod, e2e.servers.custom, 'trusted'),
        expectClients(e2e, pod, e2e.servers.standIn, 'trusted'),
      ]);
    });

    test('podSecurity: restricted: the init container runs as 65532 without root, and trust works', async () => {
      const pod = await e2e.startPod('append-restricted', files, releases.restricted);
      expect(pod.initContainer('init-task')?.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 65532,
        runAsGroup: 65532,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      });
      expect(pod.initResults.map((r) => [r.container, r.runAs, r.result.code])).toEqual([
        ['init-task', 'uid 65532 gid 65532', 0],
      ]);
      // The bundle's owner proves who wrote it (when this machine could switch user at all).
      const owner = fs.statSync(path.join(pod.hostPath('etc-ssl-certs'), 'ca-certificates.crt')).uid;
      expect(owner).toBe(process.getuid?.() === 0 ? 65532 : process.getuid?.());
      await Promise.all([
        expectClients(e2e, pod, e2e.servers.custom, 'trusted'),
        expectClients(e2e, pod, e2e.servers.standIn, 'trusted'),
      ]);
    });

    test.each([
      ['propagateToTasks', 'propagate', true],
      ['none', 'none', undefined],
    ] as const)(
      'taskPods: %s writes no basePodTemplate, so there is no pod to run',
      (mode, key, propagate) => {
        const release = releases[key];
        expect(podTemplateOf(files, release)).toBeUndefined();
        expect(customCertificatesOf(files, release).propagateToTasks).toBe(propagate);
        console.log(
          `[e2e] taskPods: ${mode}: ${release.valuesFile} has no ${templatePath(release)}; ` +
            (propagate
              ? 'the chart injects the CAs into task pods itself (not emulated)'
              : 'task pods are left alone'),
        );
      },
    );

    test('no CA variables at all: curl and openssl use their built-in /etc/ssl/certs/ca-certificates.crt; requests does not', async () => {
      const pod = await e2e.startPod('no-ca-env', files, releases.chart, (template) => {
        template.env = [];
      });
      await expectClients(e2e, pod, e2e.servers.custom, {
        'python-requests': 'rejected',
        curl: 'trusted',
        openssl: 'trusted',
      });
      if (e2e.runner.kind === 'namespace') {
        // This curl's compiled-in defaults (there is no curl-config here): the paths the template fills.
        const verbose = await pod.runTask('curl-v', [
          'curl',
          '-q',
          '-sv',
          '-o',
          '/dev/null',
          e2e.servers.custom.url,
        ]);
        expect(verbose.stderr).toContain(`CAfile: ${BUNDLE}`);
        expect(verbose.stderr).toContain('CApath: /etc/ssl/certs');
      }
    });

    describe('negative controls: the harness fails when the template is broken', () => {
      test('a wrong ConfigMap name: the pod is stuck in ContainerCreating', async () => {
        const failure = e2e.startPod('wrong-configmap', files, releases.chart, (template) => {
          const source = template.volumes?.find((v) => v.projected)?.projected?.sources[0]?.configMap;
          if (!source) throw new Error('no projected configMap source to break');
          source.name = `${source.name}-typo`;
        });
        await expect(failure).rejects.toThrow(PodFailure);
        await expect(failure).rejects.toThrow(
          /ContainerCreating: MountVolume.SetUp failed for volume "clearml-extra-ca-certs" : configmap "clearml-agent-clearml-enterprise-agent-custom-ca-0-typo" not found/,
        );
      });

      test("the task container's /etc/ssl/certs mount dropped: every client rejects the custom server", async () => {
        const pod = await e2e.startPod('no-certs-mount', files, releases.chart, (template) => {
          const before = template.volumeMounts?.length;
          template.volumeMounts = template.volumeMounts?.filter((m) => m.mountPath !== '/etc/ssl/certs');
          if (template.volumeMounts?.length !== (before ?? 0) - 1)
            throw new Error('no /etc/ssl/certs mount to drop');
        });
        // The image's own bundle (stand-in public root only) is what the task container reads now.
        await expectClients(e2e, pod, e2e.servers.custom, 'rejected');
      });

      test('REQUESTS_CA_BUNDLE missing: Python requests falls back to certifi and rejects; curl and openssl do not', async () => {
        const pod = await e2e.startPod('no-requests-ca-bundle', files, releases.chart, (template) => {
          template.env = template.env?.filter((v) => v.name !== 'REQUESTS_CA_BUNDLE');
          if (template.env?.some((v) => v.name === 'SSL_CERT_FILE') !== true)
            throw new Error('expected SSL_CERT_FILE');
        });
        await expectClients(e2e, pod, e2e.servers.custom, {
          'python-requests': 'rejected',
          curl: 'trusted',
          openssl: 'trusted',
        });
      });
    });
  });

  test('negative control: the root left out of the config (only an unrelated root listed): every client rejects', async () => {
    const release = releases.chart;
    const { files } = e2e.synth('root-left-out', {
      certificates: [{ path: e2e.cas.unrelatedRoot.certPath, alias: 'unrelated-root-ca' }],
      mode: 'append',
      tenants: [agentTenant(release, 'team-chart')],
    });
    const pod = await e2e.startPod('root-left-out', files, release);
    await Promise.all([
      expectClients(e2e, pod, e2e.servers.custom, 'rejected'),
      // Append mode still keeps the image's public roots.
      expectClients(e2e, pod, e2e.servers.standIn, 'trusted'),
    ]);
  });

  describe('replace mode (overrideCaCertificatesCrt + bundle ConfigMap mounted as the whole /etc/ssl/certs)', () => {
    let files: SynthesizedFiles;
    beforeAll(() => {
      files = e2e.synth('replace', {
        certificates: certificates(),
        mode: 'replace',
        includePublicRoots: false,
        tenants: [agentTenant(releases.chart, 'team-chart')],
        controlPlane: { releaseName: releases.apps.releaseName, namespace: releases.apps.namespace },
      }).files;
    });

    test.each([
      ['Agent', 'chart'],
      ['Apps Agent (controlPlane)', 'apps'],
    ] as const)(
      '%s, includePublicRoots: false: the custom root is trusted, every client rejects the stand-in public root',
      async (_, key) => {
        const pod = await e2e.startPod(`replace-${key}`, files, releases[key]);
        expect(pod.initResults).toEqual([]);
        await Promise.all([
          expectClients(e2e, pod, e2e.servers.custom, 'trusted'),
          expectClients(e2e, pod, e2e.servers.standIn, 'rejected'),
        ]);
      },
    );

    // The regression this guards: mounting only ca-certificates.crt (subPath) left the image's
    // hashed links in /etc/ssl/certs, and curl and openssl, which also search that CApath, kept
    // trusting every public root of the image.
    test('negative control: the bundle mounted over ca-certificates.crt only (subPath): curl and openssl still trust the stand-in root', async () => {
      const pod = await e2e.startPod('replace-subpath', files, releases.chart, (template) => {
        const mount = template.volumeMounts?.find((m) => m.mountPath === '/etc/ssl/certs');
        if (!mount) throw new Error('no bundle mount at /etc/ssl/certs');
        mount.mountPath = BUNDLE;
        mount.subPath = 'ca-certificates.crt';
      });
      await expectClients(e2e, pod, e2e.servers.standIn, {
        'python-requests': 'rejected',
        curl: 'trusted',
        openssl: 'trusted',
      });
    });
  });

  test('replace mode, includePublicRoots: true (public roots injected: the stand-in root): both servers trusted', async () => {
    const { files } = e2e.synth(
      'replace-public',
      {
        certificates: certificates(),
        mode: 'replace',
        includePublicRoots: true,
        tenants: [agentTenant(releases.chart, 'team-chart')],
      },
      { publicRoots: [e2e.cas.standInRoot.pem] },
    );
    const pod = await e2e.startPod('replace-public', files, releases.chart);
    await Promise.all([
      expectClients(e2e, pod, e2e.servers.custom, 'trusted'),
      expectClients(e2e, pod, e2e.servers.standIn, 'trusted'),
    ]);
  });
});
