// Reads `clearml-trust.yaml` into a resolved TrustConfig: every key checked, every default applied.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { CertificateInput, TrustPolicy } from '../certificates/types';
import { chartNameOf, chartTokenProblem } from '../helm/chart-ref';
import { helmFullname } from '../helm/fullname';
import { dnsLabelProblem, dnsSubdomainProblem, releaseNameProblem } from '../helm/names';
import { CHARTS, CONTROL_PLANE_FOLDER, DEFAULT_EXPIRY_WARNING_DAYS } from './defaults';
import { ConfigError } from './errors';
import { imageProblem } from './image-rules';
import type {
  AgentSettings,
  BasePodTemplateEntries,
  ControlPlaneSettings,
  PodSpecEntry,
  ReleaseSettings,
  TaskPodSettings,
  TenantSettings,
  TrustConfig,
  TrustMode,
} from './model';
import { NodeReader, type ObjectReader } from './node-reader';
import { type PodEntryList, podEntryProblem } from './pod-entry-rules';
import { taskPodRuleViolation } from './task-pod-rules';

const RELEASE_KEYS = [
  'releaseName',
  'namespace',
  'chart',
  'chartName',
  'chartVersion',
  'fullnameOverride',
  'nameOverride',
];
const TASK_POD_KEYS = ['taskPods', 'caConfigMaps', 'initImage', 'podSecurity', 'basePodTemplate'];

/** Reads and validates a config file. Relative certificate paths resolve against its folder. */
export function readTrustConfig(file: string): TrustConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : String(error);
    throw new ConfigError(
      file,
      '',
      `cannot read the config file: ${reason} (resolved to ${path.resolve(file)})`,
    );
  }
  return parseTrustConfig(text, file, path.dirname(path.resolve(file)));
}

/** Validates config text; `file` is only used in messages. */
export function parseTrustConfig(text: string, file: string, baseDir: string): TrustConfig {
  // Refuse a pasted key before parsing, so no error message can quote a line of it.
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text)) {
    throw new ConfigError(
      file,
      '',
      'contains a private key block; remove it (certificates are listed by path)',
    );
  }
  // prettyErrors is off: it would quote the offending line, and messages must not echo file content.
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, merge: true, lineCounter });
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const { line, col } = lineCounter.linePos(error.pos[0]);
    const where = ` (line ${line}, column ${col})`;
    throw new ConfigError(file, '', `is not valid YAML${where}: ${error.code}`);
  }
  const root = new NodeReader(file, '', document.toJS()).object([
    'certificates',
    'mode',
    'includePublicRoots',
    'policy',
    'initImage',
    'tenants',
    'controlPlane',
  ]);

  const mode = root.optional('mode', (n) => n.oneOf<TrustMode>(['append', 'replace'])) ?? 'append';
  const includePublicRoots = root.optional('includePublicRoots', (n) => n.boolean());
  if (mode === 'replace' && includePublicRoots === undefined) {
    root
      .get('includePublicRoots')
      .fail(
        'is required in replace mode: true keeps the public (Mozilla) roots next to yours, false trusts only your CAs',
      );
  }
  if (mode === 'append' && includePublicRoots !== undefined) {
    root
      .get('includePublicRoots')
      .fail('only applies to mode: replace (append mode always keeps the system roots); remove it');
  }

  // The top-level initImage is a default for the releases that write an init container.
  const initImage = root.optional('initImage', readImage);
  if (mode === 'replace' && root.has('initImage')) {
    root
      .get('initImage')
      .fail('has no effect: replace mode mounts the bundle directly and has no init container; remove it');
  }
  const context: Context = { mode, initImage };
  const tenants = root.optional('tenants', (n) => n.list().map((t) => readTenant(t, context))) ?? [];
  const controlPlane = root.optional('controlPlane', (n) => readControlPlane(n, context));
  if (tenants.length === 0 && !controlPlane) {
    root.get('tenants').fail('nothing to configure: list at least one tenant or a controlPlane');
  }

  const config: TrustConfig = {
    file,
    baseDir,
    certificates: readCertificates(root.required('certificates')),
    mode,
    includePublicRoots: includePublicRoots ?? false,
    policy: root.optional('policy', readPolicy) ?? { expiryWarningDays: DEFAULT_EXPIRY_WARNING_DAYS },
    tenants,
    controlPlane,
  };
  checkUniqueness(root, config);
  return config;
}

interface Context {
  readonly mode: TrustMode;
  readonly initImage?: string;
}

function readCertificates(node: NodeReader): CertificateInput[] {
  const items = node.list();
  if (items.length === 0) node.fail('must list at least one certificate file or directory');
  return items.map((item) => {
    const entry = item.object(['path', 'alias']);
    return {
      path: entry.required('path').string(),
      alias: entry.optional('alias', (n) => n.string()),
    };
  });
}

function readPolicy(node: NodeReader): TrustPolicy {
  const policy = node.object(['allowExpired', 'allowNonCa', 'expiryWarningDays']);
  const days = policy.optional('expiryWarningDays', (n) => {
    const value = n.number();
    if (value < 0 || !Number.isInteger(value)) n.fail('must be a whole number of days, 0 or more');
    return value;
  });
  return {
    allowExpired: policy.optional('allowExpired', (n) => n.boolean()) ?? false,
    allowNonCa: policy.optional('allowNonCa', (n) => n.boolean()) ?? false,
    expiryWarningDays: days ?? DEFAULT_EXPIRY_WARNING_DAYS,
  };
}

function readImage(node: NodeReader): string {
  return node.checked(imageProblem);
}

function readTenant(node: NodeReader, context: Context): TenantSettings {
  const tenant = node.object(['name', 'appGateway', 'agent']);
  const name = tenant.required('name').checked(dnsLabelProblem);
  if (name === CONTROL_PLANE_FOLDER) {
    tenant
      .get('name')
      .fail(`"${name}" is reserved for the control plane's output folder; choose another name`);
  }
  const appGateway = tenant.optional('appGateway', (n) =>
    readRelease(n.object(RELEASE_KEYS), CHARTS.appGateway),
  );
  const agent = tenant.optional('agent', (n) => readAgent(n, context));
  if (!appGateway && !agent) node.fail('configures nothing: give it an appGateway, an agent, or both');
  return { name, appGateway, agent };
}

function readAgent(node: NodeReader, context: Context): AgentSettings {
  const agent = node.object([...RELEASE_KEYS, ...TASK_POD_KEYS]);
  return { ...readRelease(agent, CHARTS.agent), ...readTaskPods(agent, context) };
}

function readControlPlane(node: NodeReader, context: Context): ControlPlaneSettings {
  const controlPlane = node.object([...RELEASE_KEYS, 'appsAgent', ...TASK_POD_KEYS]);
  const appsAgent = controlPlane.optional('appsAgent', (n) => n.boolean()) ?? true;
  if (!appsAgent) {
    controlPlane
      .get('appsAgent')
      .fail(
        'false leaves nothing to configure (only the Apps Agent takes custom certificates); remove controlPlane instead',
      );
  }
  return {
    ...readRelease(controlPlane, CHARTS.controlPlane),
    ...readTaskPods(controlPlane, context),
    appsAgent: true,
  };
}

function readRelease(release: ObjectReader, defaultChart: string): ReleaseSettings {
  const chart = release.optional('chart', (n) => n.checked(chartTokenProblem)) ?? defaultChart;
  return {
    releaseName: release.required('releaseName').checked(releaseNameProblem),
    namespace: release.required('namespace').checked(dnsLabelProblem),
    chart,
    chartName: release.optional('chartName', (n) => n.checked(dnsLabelProblem)) ?? chartNameOf(chart),
    chartVersion: release.optional('chartVersion', (n) => n.checked(chartTokenProblem)),
    fullnameOverride: release.optional('fullnameOverride', (n) => n.checked(dnsSubdomainProblem)),
    nameOverride: release.optional('nameOverride', (n) => n.checked(dnsSubdomainProblem)),
  };
}

function readTaskPods(node: ObjectReader, context: Context): TaskPodSettings {
  const taskPods =
    node.optional('taskPods', (n) => n.oneOf(['basePodTemplate', 'propagateToTasks', 'none'] as const)) ??
    'basePodTemplate';
  const caConfigMaps = node.optional('caConfigMaps', (n) => n.oneOf(['chart', 'project'] as const));
  const extras = node.optional('basePodTemplate', readBasePodTemplate);
  const initSettings = ['initImage', 'podSecurity'].filter((key) => node.has(key));
  const violation = taskPodRuleViolation(context.mode, {
    taskPods,
    caConfigMaps,
    hasExtraEntries: !!extras,
    initSettings,
  });
  if (violation) node.get(violation.key).fail(violation.problem);
  return {
    taskPods,
    caConfigMaps,
    // Left unset when not given: the constructs apply the defaults, and refuse settings given where
    // no init container is written (so the top-level default only reaches releases that write one).
    initImage:
      node.optional('initImage', readImage) ??
      (context.mode === 'append' && taskPods === 'basePodTemplate' ? context.initImage : undefined),
    podSecurity: node.optional('podSecurity', (n) => n.oneOf(['baseline', 'restricted'] as const)),
    basePodTemplate: extras ?? { env: [], volumes: [], volumeMounts: [], initContainers: [] },
  };
}

function readBasePodTemplate(node: NodeReader): BasePodTemplateEntries {
  const template = node.object(['env', 'volumes', 'volumeMounts', 'initContainers']);
  const entries = (key: PodEntryList): PodSpecEntry[] =>
    template.optional(key, (list) => list.list().map((item) => readEntry(item, key))) ?? [];
  return {
    env: entries('env'),
    volumes: entries('volumes'),
    volumeMounts: entries('volumeMounts'),
    initContainers: entries('initContainers'),
  };
}

/** User pod-spec entries pass through as written; we check what Kubernetes would refuse. */
function readEntry(node: NodeReader, list: PodEntryList): PodSpecEntry {
  if (typeof node.value !== 'object' || node.value === null || Array.isArray(node.value)) {
    node.fail('must be a mapping');
  }
  const entry = node.value as Record<string, unknown>;
  const violation = podEntryProblem(list, entry);
  if (violation) node.object(Object.keys(entry)).get(violation.key).fail(violation.problem);
  return entry as PodSpecEntry;
}

/**
 * Two entries writing the same Helm release in the same namespace would overwrite each other, and two
 * releases with the same fullname in one namespace would create the same objects (custom-ca ConfigMaps
 * included).
 */
function checkUniqueness(root: ObjectReader, config: TrustConfig): void {
  const releases = new Map<string, string>();
  const fullnames = new Map<string, string>();
  const tenantNames = new Map<string, number>();
  const claim = (where: string, release: ReleaseSettings | undefined) => {
    if (!release) return;
    const { namespace, releaseName } = release;
    const previous = releases.get(`${namespace}/${releaseName}`);
    if (previous) {
      throw new ConfigError(
        config.file,
        where,
        `release "${releaseName}" in namespace "${namespace}" is already written by ${previous}; ` +
          'give each its own release name or namespace',
      );
    }
    releases.set(`${namespace}/${releaseName}`, where);
    const fullname = helmFullname(release);
    const sameName = fullnames.get(`${namespace}/${fullname}`);
    if (sameName) {
      throw new ConfigError(
        config.file,
        where,
        `its chart objects would be named "${fullname}" in namespace "${namespace}", as those of ${sameName}; ` +
          'change fullnameOverride, nameOverride or the release name',
      );
    }
    fullnames.set(`${namespace}/${fullname}`, where);
  };
  config.tenants.forEach((tenant, i) => {
    const seen = tenantNames.get(tenant.name);
    if (seen !== undefined) {
      root.get('tenants').fail(`tenants[${seen}] and tenants[${i}] are both named "${tenant.name}"`);
    }
    tenantNames.set(tenant.name, i);
    claim(`tenants[${i}].appGateway`, tenant.appGateway);
    claim(`tenants[${i}].agent`, tenant.agent);
  });
  claim('controlPlane', config.controlPlane);
}
