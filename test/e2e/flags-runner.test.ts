// The fallback runner, forced: where there is no root or no `unshare -m`, task-pod-trust.test.ts runs
// with update-ca-certificates' directory flags. This keeps that path proven on machines (like CI)
// where the namespace runner is chosen, with a subset of the cases.

import { type E2e, expectClients, setUpE2e } from './harness/fixture';
import { agentRelease } from './harness/pod-spec';
import { chooseRunner } from './harness/tools';

const choice = chooseRunner('flags');

jest.setTimeout(60_000);

const release = agentRelease('team-chart', 'clearml-agent', 'team-chart');

describe(`task pod trust, end to end [runner: ${choice.kind}, forced]`, () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await setUpE2e(choice);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const config = (mode: 'append' | 'replace', agent: object = {}) => ({
    certificates: [
      { path: e2e.cas.root.certPath, alias: 'e2e-root-ca' },
      { path: e2e.cas.intermediate.certPath, alias: 'e2e-issuing-ca' },
    ],
    mode,
    ...(mode === 'replace' ? { includePublicRoots: false } : {}),
    tenants: [
      { name: 'team-chart', agent: { releaseName: 'clearml-agent', namespace: 'team-chart', ...agent } },
    ],
  });

  test('append, podSecurity: restricted: custom root and stand-in public root trusted', async () => {
    const { files } = e2e.synth('append', config('append', { podSecurity: 'restricted' }));
    const pod = await e2e.startPod('append', files, release);
    expect(pod.initResults.map((r) => [r.container, r.result.code])).toEqual([['init-task', 0]]);
    await Promise.all([
      expectClients(e2e, pod, e2e.servers.custom, 'trusted'),
      expectClients(e2e, pod, e2e.servers.standIn, 'trusted'),
    ]);
  });

  test("negative control: the task container's /etc/ssl/certs mount dropped: every client rejects", async () => {
    const { files } = e2e.synth('append-dropped', config('append'));
    const pod = await e2e.startPod('append-dropped', files, release, (template) => {
      template.volumeMounts = template.volumeMounts?.filter((m) => m.mountPath !== '/etc/ssl/certs');
    });
    await expectClients(e2e, pod, e2e.servers.custom, 'rejected');
  });

  test('replace, includePublicRoots: false: custom root trusted, stand-in root rejected by every client', async () => {
    const { files } = e2e.synth('replace', config('replace'));
    const pod = await e2e.startPod('replace', files, release);
    await Promise.all([
      expectClients(e2e, pod, e2e.servers.custom, 'trusted'),
      expectClients(e2e, pod, e2e.servers.standIn, 'rejected'),
    ]);
  });
});
