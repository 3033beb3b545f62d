import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_INIT_IMAGE } from '../../lib/config/defaults';
import { parseTrustConfig, readTrustConfig } from '../../lib/config/read-config';
import { tempDir } from '../support/synth-fixture';

const CERTS = 'certificates:\n  - path: certs/corp-root-ca.pem\n';
const AGENT =
  'tenants:\n  - name: acme\n    agent: { releaseName: clearml-agent, namespace: acme-workers }\n';

function parse(text: string) {
  return parseTrustConfig(text, 'trust.yaml', '/base');
}

function problem(text: string): string {
  try {
    parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
}

describe('readTrustConfig', () => {
  test('applies the defaults a minimal config leaves out', () => {
    const config = parse(CERTS + AGENT);
    expect(config.mode).toBe('append');
    expect(config.includePublicRoots).toBe(false);
    expect(config.baseDir).toBe('/base');
    expect(config.policy).toEqual({ expiryWarningDays: 30 });
    expect(config.tenants[0].agent).toMatchObject({
      releaseName: 'clearml-agent',
      namespace: 'acme-workers',
      chart: 'clearml-enterprise/clearml-enterprise-agent',
      chartName: 'clearml-enterprise-agent',
      taskPods: 'basePodTemplate',
    });
  });

  test('relative certificate paths resolve against the config file folder', () => {
    const dir = tempDir();
    const file = path.join(dir, 'sub', 'trust.yaml');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, CERTS + AGENT);
    expect(readTrustConfig(file).baseDir).toBe(path.join(dir, 'sub'));
  });

  test('a missing config file is named', () => {
    expect(() => readTrustConfig('/nonexistent/trust.yaml')).toThrow(
      '/nonexistent/trust.yaml: cannot read the config file: does not exist',
    );
  });

  test('an init image pinned by digest is accepted', () => {
    const image = `registry.example/ca-init@sha256:${'a'.repeat(64)}`;
    expect(parse(`${CERTS}initImage: ${image}\n${AGENT}`).tenants[0].agent?.initImage).toBe(image);
  });

  test('chart name comes from the chart reference, OCI included', () => {
    const config = parse(
      `${CERTS}tenants:\n  - name: a\n    agent: { releaseName: r, namespace: n, chart: oci://registry.example/charts/my-agent }\n`,
    );
    expect(config.tenants[0].agent?.chartName).toBe('my-agent');
  });

  test('init settings stay unset when not given (the constructs default them to DEFAULT_INIT_IMAGE, baseline)', () => {
    const agent = parse(CERTS + AGENT).tenants[0].agent;
    expect(agent?.initImage).toBeUndefined();
    expect(agent?.podSecurity).toBeUndefined();
    expect(DEFAULT_INIT_IMAGE).toMatch(/:[^:]+$/);
  });

  test('a top-level initImage reaches only the releases that write an init container', () => {
    const config = parse(
      `${CERTS}initImage: debian:12\ntenants:\n  - name: a\n    agent: { releaseName: r, namespace: n }\n` +
        '  - name: b\n    agent: { releaseName: r, namespace: m, taskPods: propagateToTasks }\n',
    );
    expect(config.tenants[0].agent?.initImage).toBe('debian:12');
    expect(config.tenants[1].agent?.initImage).toBeUndefined();
  });

  test('caConfigMaps stays unset when not given: its default depends on the mode', () => {
    const config = parse(`${CERTS}mode: replace\nincludePublicRoots: false\n${AGENT}`);
    expect(config.tenants[0].agent?.caConfigMaps).toBeUndefined();
  });
});

describe('refusals name the key path and what to change', () => {
  test.each([
    [
      'an unknown key, with the closest allowed one',
      `${CERTS}tenants:\n  - name: a\n    agent: { releaseName: r, namespace: n }\n  - name: b\n    agent: { relaseName: r, namespace: n }\n`,
      'trust.yaml: tenants[1].agent.relaseName: unknown key (did you mean "releaseName"?)',
    ],
    [
      'an unknown top-level key',
      `${CERTS}${AGENT}moed: append\n`,
      'trust.yaml: moed: unknown key (did you mean "mode"?)',
    ],
    ['no certificates', AGENT, 'trust.yaml: certificates: is required'],
    [
      'an empty certificate list',
      `certificates: []\n${AGENT}`,
      'certificates: must list at least one certificate',
    ],
    [
      'a certificate without path',
      `certificates:\n  - alias: x\n${AGENT}`,
      'certificates[0].path: is required',
    ],
    [
      'an unknown mode',
      `${CERTS}mode: merge\n${AGENT}`,
      'mode: must be one of append | replace, not "merge"',
    ],
    [
      'replace mode without includePublicRoots',
      `${CERTS}mode: replace\n${AGENT}`,
      'includePublicRoots: is required in replace mode',
    ],
    [
      'includePublicRoots in append mode',
      `${CERTS}includePublicRoots: true\n${AGENT}`,
      'includePublicRoots: only applies to mode: replace',
    ],
    ['nothing to configure', CERTS, 'tenants: nothing to configure'],
    [
      'a tenant with no release',
      `${CERTS}tenants:\n  - name: a\n`,
      'tenants[0]: configures nothing: give it an appGateway, an agent, or both',
    ],
    [
      'a release name over 53 characters',
      `${CERTS}tenants:\n  - name: a\n    agent: { releaseName: ${'r'.repeat(54)}, namespace: n }\n`,
      'tenants[0].agent.releaseName: "rrrr',
    ],
    [
      'an upper-case namespace',
      `${CERTS}tenants:\n  - name: a\n    appGateway: { releaseName: r, namespace: Acme }\n`,
      'tenants[0].appGateway.namespace: "Acme" must be a lower-case DNS label',
    ],
    [
      'the reserved tenant name',
      `${CERTS}tenants:\n  - name: control-plane\n    agent: { releaseName: r, namespace: n }\n`,
      'tenants[0].name: "control-plane" is reserved',
    ],
    [
      'two tenants writing one release in one namespace',
      `${CERTS}tenants:\n  - name: a\n    agent: { releaseName: r, namespace: n }\n  - name: b\n    agent: { releaseName: r, namespace: n }\n`,
      'tenants[1].agent: release "r" in namespace "n" is already written by tenants[0].agent',
    ],
    [
      'two tenants with one name',
      `${CERTS}tenants:\n  - name: a\n    agent: { releaseName: r, namespace: n }\n  - name: a\n    agent: { releaseName: r, namespace: m }\n`,
      'tenants: tenants[0] and tenants[1] are both named "a"',
    ],
    [
      'chart-owned ConfigMaps in replace mode',
      `${CERTS}mode: replace\nincludePublicRoots: true\ntenants:\n  - name: a\n    agent: { releaseName: r, namespace: n, caConfigMaps: chart }\n`,
      'tenants[0].agent.caConfigMaps: cannot be "chart" in replace mode',
    ],
    [
      'project ConfigMaps nothing mounts',
      `${CERTS}tenants:\n  - name: a\n    agent: { releaseName: r, namespace: n, caConfigMaps: project, taskPods: propagateToTasks }\n`,
      'tenants[0].agent.caConfigMaps: "project" ConfigMaps are only mounted by taskPods: basePodTemplate',
    ],
    [
      'basePodTemplate entries with no template to merge into',
      `${CERTS}tenants:\n  - name: a\n    agent: { releaseName: r, namespace: n, taskPods: none, basePodTemplate: { env: [{ name: A, value: b }] } }\n`,
      'tenants[0].agent.basePodTemplate: is merged into the task pod template we write, which taskPods: none does not write',
    ],
    [
      'a basePodTemplate key we do not merge',
      `${CERTS}tenants:\n  - name: a\n    agent: { releaseName: r, namespace: n, basePodTemplate: { tolerations: [] } }\n`,
      'tenants[0].agent.basePodTemplate.tolerations: unknown key',
    ],
    [
      'a volume mount without mountPath',
      `${CERTS}tenants:\n  - name: a\n    agent: { releaseName: r, namespace: n, basePodTemplate: { volumeMounts: [{ name: x }] } }\n`,
      'tenants[0].agent.basePodTemplate.volumeMounts[0].mountPath: must be an absolute path',
    ],
    [
      'an init image on latest',
      `${CERTS}initImage: debian:latest\n${AGENT}`,
      'initImage: "debian:latest" must be pinned to a tag (other than latest) or a sha256 digest',
    ],
    [
      'an init image with no tag',
      `${CERTS}initImage: debian\n${AGENT}`,
      'initImage: "debian" must be pinned',
    ],
    [
      'controlPlane without the Apps Agent',
      `${CERTS}controlPlane: { releaseName: clearml-enterprise, namespace: clearml, appsAgent: false }\n`,
      'controlPlane.appsAgent: false leaves nothing to configure',
    ],
    [
      'a negative expiry window',
      `${CERTS}policy: { expiryWarningDays: -1 }\n${AGENT}`,
      'policy.expiryWarningDays: must be a whole number of days',
    ],
    [
      'an env value that is not a string',
      `${CERTS}tenants:\n  - name: a\n    agent: { releaseName: r, namespace: n, basePodTemplate: { env: [{ name: A, value: 5 }] } }\n`,
      'tenants[0].agent.basePodTemplate.env[0].value: must be a string',
    ],
    [
      'a relative mount path',
      `${CERTS}tenants:\n  - name: a\n    agent: { releaseName: r, namespace: n, basePodTemplate: { volumeMounts: [{ name: d, mountPath: data }] } }\n`,
      'tenants[0].agent.basePodTemplate.volumeMounts[0].mountPath: must be an absolute path',
    ],
    [
      'a volume name that is not a DNS label',
      `${CERTS}tenants:\n  - name: a\n    agent: { releaseName: r, namespace: n, basePodTemplate: { volumes: [{ name: "bad name!", emptyDir: {} }] } }\n`,
      'tenants[0].agent.basePodTemplate.volumes[0].name: "bad name!" must be a lower-case DNS label',
    ],
    [
      'an init image with an empty tag',
      `${CERTS}initImage: "debian:"\n${AGENT}`,
      'initImage: "debian:" must be pinned',
    ],
    [
      'an init image in replace mode',
      `${CERTS}mode: replace\nincludePublicRoots: false\ninitImage: debian:12\n${AGENT}`,
      'initImage: has no effect: replace mode mounts the bundle directly and has no init container',
    ],
    [
      'podSecurity where no init container is written',
      `${CERTS}tenants:\n  - name: a\n    agent: { releaseName: r, namespace: n, taskPods: none, podSecurity: restricted }\n`,
      'tenants[0].agent.podSecurity: has no effect: taskPods: none writes no init container',
    ],
    [
      'two releases whose chart objects would share a name',
      `${CERTS}tenants:\n  - name: a\n    agent: { releaseName: a1, namespace: n, fullnameOverride: ag }\n  - name: b\n    agent: { releaseName: b1, namespace: n, fullnameOverride: ag }\n`,
      'tenants[1].agent: its chart objects would be named "ag" in namespace "n", as those of tenants[0].agent',
    ],
    [
      'a chart version that would break the printed command',
      `${CERTS}tenants:\n  - name: a\n    agent: { releaseName: r, namespace: n, chartVersion: "6.13.2\\ncustomCertificates: {}" }\n`,
      'tenants[0].agent.chartVersion: "6.13.2\ncustomCertificates: {}" must not contain white space or control characters',
    ],
    ['a wrong type', `${CERTS}tenants: { name: a }\n`, 'tenants: must be a list, not a mapping'],
    [
      'a duplicate key',
      `${CERTS}mode: append\nmode: replace\n${AGENT}`,
      'is not valid YAML (line 4, column 1): DUPLICATE_KEY',
    ],
  ])('%s', (_name, text, expected) => {
    expect(problem(text)).toContain(expected);
  });

  test('a pasted private key is refused without quoting any of it', () => {
    const keyLine = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7';
    const text = `${CERTS}${AGENT}notes: |\n  -----BEGIN PRIVATE KEY-----\n  ${keyLine}\n  -----END PRIVATE KEY-----\n`;
    const message = problem(text);
    expect(message).toBe(
      'trust.yaml: contains a private key block; remove it (certificates are listed by path)',
    );
    expect(message).not.toContain(keyLine);
  });
});
