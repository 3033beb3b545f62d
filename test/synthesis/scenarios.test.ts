import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { parse, parseAllDocuments } from 'yaml';
import { synthesizeTo } from '../../lib/app/synthesize';
import {
  acmeConfig,
  FIXED_NOW,
  filesOf,
  synthesizeConfig,
  TWO_CAS,
  tempDir,
  writeConfig,
} from '../support/synth-fixture';

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML is walked freely in test assertions
type Values = Record<string, any>;

function agentValues(files: Record<string, string>, tenant = 'acme'): Values {
  return parse(files[`helm/${tenant}/clearml-agent-values.override.yaml`]);
}

const agent = (extra: object = {}) => ({ releaseName: 'clearml-agent', namespace: 'acme-workers', ...extra });

describe('the ClearML recipe (seeds/clearml-self-signed-certificates.md)', () => {
  test('two certificates, release clearml-agent: the projected sources the recipe lists, in order', () => {
    const files = filesOf(
      synthesizeConfig({ certificates: TWO_CAS, tenants: [{ name: 'acme', agent: agent() }] }),
    );
    const template = agentValues(files).agentk8sglue.basePodTemplate;
    const projected = template.volumes.find((v: Values) => v.name === 'clearml-extra-ca-certs').projected;
    expect(projected).toEqual({
      defaultMode: 420,
      sources: [
        { configMap: { name: 'clearml-agent-clearml-enterprise-agent-custom-ca-0' } },
        { configMap: { name: 'clearml-agent-clearml-enterprise-agent-custom-ca-1' } },
      ],
    });
    expect(template.initContainers).toEqual([
      {
        name: 'init-task',
        image: expect.stringMatching(/^allegroai\/clearml-enterprise-agent-k8s-base:[^:]+$/),
        imagePullPolicy: 'IfNotPresent',
        command: ['/bin/sh', '-c', 'update-ca-certificates'],
        volumeMounts: [
          { name: 'etc-ssl-certs', mountPath: '/etc/ssl/certs' },
          { name: 'clearml-extra-ca-certs', mountPath: '/usr/local/share/ca-certificates', readOnly: true },
        ],
      },
    ]);
    expect(template.env).toContainEqual({
      name: 'REQUESTS_CA_BUNDLE',
      value: '/etc/ssl/certs/ca-certificates.crt',
    });
    expect(template.volumeMounts).toContainEqual({ name: 'etc-ssl-certs', mountPath: '/etc/ssl/certs' });
    expect(template.volumes).toContainEqual({ name: 'etc-ssl-certs', emptyDir: {} });
    expect(agentValues(files).customCertificates.extraCerts.map((c: Values) => c.alias)).toEqual([
      'corp-root-ca',
      'corp-issuing-ca',
    ]);
  });
});

describe('ConfigMap names follow the Helm fullname rule', () => {
  test('fullnameOverride', () => {
    const files = filesOf(
      synthesizeConfig({
        certificates: TWO_CAS,
        tenants: [{ name: 'acme', agent: agent({ fullnameOverride: 'agent' }) }],
      }),
    );
    expect(files).toMatchSnapshot();
  });

  test('a long release name whose 63-character cut lands on a dash', () => {
    const releaseName = `${'x'.repeat(41)}-a`; // 43 + "-clearml-enterprise" = 62, then "-" at 63
    const files = filesOf(
      synthesizeConfig({ certificates: TWO_CAS, tenants: [{ name: 'acme', agent: agent({ releaseName }) }] }),
    );
    const sources = agentValues(files).agentk8sglue.basePodTemplate.volumes[1].projected.sources;
    expect(sources[0].configMap.name).toBe(`${releaseName}-clearml-enterprise-custom-ca-0`);
    expect(files).toMatchSnapshot();
  });

  test('project-owned ConfigMaps are named by alias, so removing a CA renames nothing else', () => {
    const both = filesOf(
      synthesizeConfig({
        certificates: TWO_CAS,
        tenants: [{ name: 'acme', agent: agent({ caConfigMaps: 'project' }) }],
      }),
    );
    const second = filesOf(
      synthesizeConfig({
        certificates: TWO_CAS.slice(1),
        tenants: [{ name: 'acme', agent: agent({ caConfigMaps: 'project' }) }],
      }),
    );
    const names = (files: Record<string, string>) =>
      parseAllDocuments(files['acme.k8s.yaml']).map((d) => d.toJS().metadata.name);
    expect(names(both)).toEqual([
      'clearml-agent-clearml-enterprise-agent-ca-corp-root-ca',
      'clearml-agent-clearml-enterprise-agent-ca-corp-issuing-ca',
    ]);
    expect(names(second)).toEqual(['clearml-agent-clearml-enterprise-agent-ca-corp-issuing-ca']);
  });
});

test('two tenants and the control plane Apps Agent', () => {
  const files = filesOf(
    synthesizeConfig({
      certificates: TWO_CAS,
      tenants: [
        {
          name: 'acme',
          appGateway: { releaseName: 'clearml-app-gateway', namespace: 'acme' },
          agent: agent(),
        },
        {
          name: 'globex',
          agent: {
            releaseName: 'clearml-agent',
            namespace: 'globex-workers',
            caConfigMaps: 'project',
            podSecurity: 'restricted',
          },
        },
      ],
      controlPlane: { releaseName: 'clearml-enterprise', namespace: 'clearml', caConfigMaps: 'chart' },
    }),
  );
  expect(Object.keys(files)).toEqual([
    'globex.k8s.yaml',
    'helm/acme/clearml-agent-values.override.yaml',
    'helm/acme/clearml-app-gateway-values.override.yaml',
    'helm/control-plane/clearml-values.override.yaml',
    'helm/globex/clearml-agent-values.override.yaml',
  ]);
  const appsAgent = parse(files['helm/control-plane/clearml-values.override.yaml']).clearmlApplications;
  expect(appsAgent.basePodTemplate.volumes[1].projected.sources[1]).toEqual({
    configMap: { name: 'clearml-enterprise-apps-custom-ca-1' },
  });
  expect(files).toMatchSnapshot();
});

describe("the user's own basePodTemplate lists", () => {
  const withExtras = (basePodTemplate: object) =>
    synthesizeConfig({
      certificates: TWO_CAS,
      tenants: [{ name: 'acme', agent: agent({ basePodTemplate }) }],
    });

  test('are merged after ours, in one file, so Helm list replacement cannot drop either', () => {
    const files = filesOf(
      withExtras({
        env: [{ name: 'HTTPS_PROXY', value: 'http://proxy:3128' }],
        volumes: [{ name: 'datasets', persistentVolumeClaim: { claimName: 'datasets' } }],
        volumeMounts: [{ name: 'datasets', mountPath: '/datasets', readOnly: true }],
        initContainers: [{ name: 'fetch', image: 'busybox:1.36', command: ['true'] }],
      }),
    );
    const template = agentValues(files).agentk8sglue.basePodTemplate;
    expect(template.env.map((e: Values) => e.name)).toEqual([
      'REQUESTS_CA_BUNDLE',
      'SSL_CERT_FILE',
      'HTTPS_PROXY',
    ]);
    expect(template.volumes.map((v: Values) => v.name)).toEqual([
      'etc-ssl-certs',
      'clearml-extra-ca-certs',
      'datasets',
    ]);
    expect(template.volumeMounts.at(-1)).toEqual({
      name: 'datasets',
      mountPath: '/datasets',
      readOnly: true,
    });
    expect(template.initContainers.map((c: Values) => c.name)).toEqual(['init-task', 'fetch']);
  });

  test.each([
    [
      { env: [{ name: 'SSL_CERT_FILE', value: '/x' }] },
      'basePodTemplate.env[0]: name "SSL_CERT_FILE" is already used by the CA trust setup',
    ],
    [
      { volumes: [{ name: 'etc-ssl-certs', emptyDir: {} }] },
      'basePodTemplate.volumes[0]: name "etc-ssl-certs"',
    ],
    [
      { volumeMounts: [{ name: 'mine', mountPath: '/etc/ssl/certs' }] },
      'basePodTemplate.volumeMounts[0]: mountPath "/etc/ssl/certs" is already used by the CA trust setup',
    ],
    [
      { initContainers: [{ name: 'init-task', image: 'x:1' }] },
      'basePodTemplate.initContainers[0]: name "init-task"',
    ],
    [
      {
        env: [
          { name: 'A', value: '1' },
          { name: 'A', value: '2' },
        ],
      },
      'basePodTemplate.env[1]: name "A" is already used by an earlier entry of yours',
    ],
  ])('refuse name collisions: %j', (extras, message) => {
    expect(() => withExtras(extras)).toThrow(message);
  });
});

describe('output', () => {
  const config = {
    certificates: TWO_CAS,
    tenants: [{ name: 'acme', agent: agent({ caConfigMaps: 'project' }) }],
    controlPlane: { releaseName: 'clearml-enterprise', namespace: 'clearml' },
  };

  test('the same input gives byte-identical files', () => {
    const out1 = path.join(tempDir(), 'dist');
    const out2 = path.join(tempDir(), 'dist');
    const configFile = writeConfig(config);
    synthesizeTo(out1, { configFile, now: () => FIXED_NOW });
    synthesizeTo(out2, { configFile, now: () => new Date('2030-06-01T00:00:00Z') }); // the clock only warns
    const read = (dir: string) =>
      Object.fromEntries(
        (fs.readdirSync(dir, { recursive: true }) as string[])
          .sort()
          .filter((f) => fs.statSync(path.join(dir, f)).isFile())
          .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
      );
    expect(read(out2)).toEqual(read(out1));
    expect(Object.keys(read(out1))).toEqual([
      '.clearml-trust-output',
      'acme.k8s.yaml',
      'helm/acme/clearml-agent-values.override.yaml',
      'helm/control-plane/clearml-values.override.yaml',
    ]);
  });

  test('a failed run leaves the previous output as it was', () => {
    const out = path.join(tempDir(), 'dist');
    synthesizeTo(out, { configFile: writeConfig(config), now: () => FIXED_NOW });
    fs.writeFileSync(path.join(out, 'marker'), 'previous');
    const bad = writeConfig({ ...config, certificates: [{ path: '/nonexistent/ca.pem' }] });
    expect(() => synthesizeTo(out, { configFile: bad, now: () => FIXED_NOW })).toThrow('/nonexistent/ca.pem');
    expect(fs.readFileSync(path.join(out, 'marker'), 'utf8')).toBe('previous');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['dist']); // no staging folder left behind
  });

  test.each([
    [
      'a folder of the user',
      (dir: string) => fs.writeFileSync(path.join(dir, 'precious.txt'), 'keep me'),
      /no \.clearml-trust-output marker/,
    ],
    ['the current folder', (dir: string) => process.chdir(dir), /current folder/],
  ])('refuses to replace %s', (_name, prepare, message) => {
    const out = tempDir();
    const cwd = process.cwd();
    fs.writeFileSync(path.join(out, 'precious.txt'), 'keep me');
    try {
      prepare(out);
      expect(() => synthesizeTo(out, { configFile: writeConfig(config), now: () => FIXED_NOW })).toThrow(
        message,
      );
    } finally {
      process.chdir(cwd);
    }
    expect(fs.readFileSync(path.join(out, 'precious.txt'), 'utf8')).toBe('keep me');
  });

  test('refuses a folder that looks like output but has no marker (another tool may own it)', () => {
    const out = tempDir();
    fs.mkdirSync(path.join(out, 'helm', 'my-chart'), { recursive: true });
    fs.writeFileSync(path.join(out, 'helm', 'my-chart', 'Chart.yaml'), 'name: my-chart\n');
    fs.writeFileSync(path.join(out, 'my-app.k8s.yaml'), 'kind: ConfigMap\n');
    expect(() => synthesizeTo(out, { configFile: writeConfig(config), now: () => FIXED_NOW })).toThrow(
      /has no \.clearml-trust-output marker/,
    );
    expect(fs.existsSync(path.join(out, 'helm', 'my-chart', 'Chart.yaml'))).toBe(true);
  });

  test('refuses a symbolic link, naming the folder it points to', () => {
    const real = path.join(tempDir(), 'real');
    const link = path.join(tempDir(), 'dist');
    fs.mkdirSync(real);
    fs.symlinkSync(real, link);
    expect(() => synthesizeTo(link, { configFile: writeConfig(config), now: () => FIXED_NOW })).toThrow(
      `it is a symbolic link; give the folder it points to (${real})`,
    );
  });

  test('refuses an output path that is a file', () => {
    const file = path.join(tempDir(), 'dist');
    fs.writeFileSync(file, 'not a folder');
    expect(() => synthesizeTo(file, { configFile: writeConfig(config), now: () => FIXED_NOW })).toThrow(
      /is not a folder/,
    );
  });

  test('a successful run replaces the output folder whole (no stale files)', () => {
    const out = path.join(tempDir(), 'dist');
    synthesizeTo(out, { configFile: writeConfig(config), now: () => FIXED_NOW });
    fs.writeFileSync(path.join(out, 'stale.k8s.yaml'), 'kind: Stale\n');
    synthesizeTo(out, { configFile: writeConfig(config), now: () => FIXED_NOW });
    expect(fs.existsSync(path.join(out, 'stale.k8s.yaml'))).toBe(false);
  });
});

test("includePublicRoots: true writes Node's Mozilla roots, then the custom CAs", () => {
  const files = filesOf(synthesizeConfig({ ...acmeConfig('replace'), includePublicRoots: true }));
  const bundle: string = agentValues(files).customCertificates.overrideCaCertificatesCrt;
  const blocks = bundle.split('-----BEGIN CERTIFICATE-----').length - 1;
  expect(blocks).toBe(tls.rootCertificates.length + 2);
  expect(bundle.endsWith(fs.readFileSync(TWO_CAS[1].path, 'utf8'))).toBe(true);
});

describe('errors say which config entry they come from', () => {
  test('a certificate problem names the config file and the certificate file', () => {
    expect(() =>
      synthesizeConfig({ ...acmeConfig('append'), certificates: [{ path: '/nonexistent/ca.pem' }] }),
    ).toThrow(/clearml-trust\.yaml: certificates: .*\/nonexistent\/ca\.pem/);
  });

  test('a problem found while building the constructs names the config entry', () => {
    const fullnameOverride = `${'a'.repeat(62)}.b`; // a valid override whose 63-character cut ends in "."
    expect(() => synthesizeConfig(acmeConfig('append', { fullnameOverride }))).toThrow(
      /clearml-trust\.yaml: tenants\[0\]\.agent: acme\/Agent\/TaskPods\/CaConfigMaps: ConfigMap name "a+\.-custom-ca-0"/,
    );
  });
});

test('aliases that YAML 1.1 (Helm) would read as booleans are quoted', () => {
  const files = filesOf(
    synthesizeConfig({
      certificates: [
        { path: TWO_CAS[0].path, alias: 'on' },
        { path: TWO_CAS[1].path, alias: 'no' },
      ],
      tenants: [{ name: 'acme', agent: agent() }],
    }),
  );
  const text = files['helm/acme/clearml-agent-values.override.yaml'];
  expect(text).toContain('- alias: "on"');
  expect(text).toContain('- alias: "no"');
});

test('strings go-yaml v2 would read as integers (0o17, 0X1F) are quoted for Helm', () => {
  const files = filesOf(
    synthesizeConfig({
      certificates: [{ path: TWO_CAS[0].path, alias: '0o17' }],
      tenants: [
        { name: 'acme', agent: agent({ basePodTemplate: { env: [{ name: 'UMASK', value: '0X10' }] } }) },
      ],
    }),
  );
  const text = files['helm/acme/clearml-agent-values.override.yaml'];
  expect(text).toContain('- alias: "0o17"');
  expect(text).toContain('value: "0X10"');
});
