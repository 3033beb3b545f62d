// The parts of a Kubernetes pod spec the harness emulates, read from the synthesized values files.
// Types are the harness's own (not the library's), so the test reads the output as Helm would.

import { parse, type ScalarTag } from 'yaml';

/** go-yaml v2 reads what Go's strconv.ParseInt(s, 0, 64) accepts as an integer. */
const GO_INT_AS_NUMBER: ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  test: /^[-+]?0[bBoOxX][0-9a-fA-F_]+$/,
  resolve: (source: string) => {
    const digits = source.replace(/_/g, '');
    const magnitude = Number(digits.replace(/^[-+]/, ''));
    return digits.startsWith('-') ? -magnitude : magnitude;
  },
};

export interface KeyToPath {
  key: string;
  path: string;
  mode?: number;
}

export interface ConfigMapSource {
  name: string;
  items?: KeyToPath[];
  optional?: boolean;
}

export interface Volume {
  name: string;
  emptyDir?: Record<string, unknown>;
  configMap?: ConfigMapSource & { defaultMode?: number };
  projected?: { defaultMode?: number; sources: { configMap?: ConfigMapSource }[] };
}

export interface VolumeMount {
  name: string;
  mountPath: string;
  subPath?: string;
  readOnly?: boolean;
}

export interface EnvVar {
  name: string;
  value?: string;
}

export interface SecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
}

export interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  volumeMounts?: VolumeMount[];
  securityContext?: SecurityContext;
}

/** `basePodTemplate`: init containers, plus env and mounts of the task container, and the pod's volumes. */
export interface PodTemplate {
  initContainers?: Container[];
  env?: EnvVar[];
  volumeMounts?: VolumeMount[];
  volumes?: Volume[];
}

/** Which values file, and where in it, a ClearML agent's task pod template lives. */
export interface AgentRelease {
  /** `agent`: `agentk8sglue.basePodTemplate`; `appsAgent`: `clearmlApplications.basePodTemplate`. */
  readonly kind: 'agent' | 'appsAgent';
  /** The values file, relative to the synthesis output. */
  readonly valuesFile: string;
  readonly releaseName: string;
  /** The chart's name, for the chart's own ConfigMap names. */
  readonly chartName: string;
  /** Where task pods run (the release's namespace): ConfigMaps are looked up there. */
  readonly namespace: string;
}

export function agentRelease(tenant: string, releaseName: string, namespace: string): AgentRelease {
  return {
    kind: 'agent',
    valuesFile: `helm/${tenant}/clearml-agent-values.override.yaml`,
    releaseName,
    chartName: 'clearml-enterprise-agent',
    namespace,
  };
}

export function appsAgentRelease(releaseName: string, namespace: string): AgentRelease {
  return {
    kind: 'appsAgent',
    valuesFile: 'helm/control-plane/clearml-values.override.yaml',
    releaseName,
    chartName: 'clearml-enterprise',
    namespace,
  };
}

export type SynthesizedFiles = ReadonlyMap<string, string>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The block of the values file that holds this agent's `customCertificates` and `basePodTemplate`. */
function agentBlock(files: SynthesizedFiles, release: AgentRelease): Record<string, unknown> {
  const text = files.get(release.valuesFile);
  if (text === undefined) {
    throw new Error(
      `the synthesis wrote no ${release.valuesFile}; it wrote: ${[...files.keys()].join(', ')}`,
    );
  }
  // Read as Helm (go-yaml v2) reads it: YAML 1.1, where an unquoted on/no/y is a boolean, and a
  // Go-style integer (0o17, 0X1F) is a number, so a writer that forgot to quote one breaks the pod here.
  const values: unknown = parse(text, { version: '1.1', customTags: [GO_INT_AS_NUMBER] });
  if (!isRecord(values)) throw new Error(`${release.valuesFile} is not a YAML mapping`);
  if (release.kind === 'appsAgent') {
    const apps = values.clearmlApplications;
    if (!isRecord(apps)) throw new Error(`${release.valuesFile} has no clearmlApplications mapping`);
    return apps;
  }
  const glue = values.agentk8sglue;
  return {
    customCertificates: values.customCertificates,
    ...(isRecord(glue) ? { basePodTemplate: glue.basePodTemplate } : {}),
  };
}

export function templatePath(release: AgentRelease): string {
  return release.kind === 'agent' ? 'agentk8sglue.basePodTemplate' : 'clearmlApplications.basePodTemplate';
}

/** The task pod template exactly as synthesized, or undefined when the values file writes none. */
export function podTemplateOf(files: SynthesizedFiles, release: AgentRelease): PodTemplate | undefined {
  const template = agentBlock(files, release).basePodTemplate;
  if (template === undefined) return undefined;
  if (!isRecord(template))
    throw new Error(`${release.valuesFile}: ${templatePath(release)} is not a mapping`);
  for (const key of ['initContainers', 'env', 'volumeMounts', 'volumes']) {
    const list = template[key];
    if (
      list !== undefined &&
      !(Array.isArray(list) && list.every((e) => isRecord(e) && typeof e.name === 'string'))
    ) {
      throw new Error(
        `${release.valuesFile}: ${templatePath(release)}.${key} is not a list of named entries`,
      );
    }
  }
  // Shape checked above; the fields inside are checked where the harness uses them.
  return template as PodTemplate;
}

export interface CustomCertificates {
  extraCerts?: { alias: string; pem: string }[];
  overrideCaCertificatesCrt?: string;
  propagateToTasks?: boolean;
}

export function customCertificatesOf(files: SynthesizedFiles, release: AgentRelease): CustomCertificates {
  const block = agentBlock(files, release).customCertificates;
  if (!isRecord(block)) throw new Error(`${release.valuesFile} has no customCertificates mapping`);
  const extra = block.extraCerts;
  if (
    extra !== undefined &&
    !(
      Array.isArray(extra) &&
      extra.every((e) => isRecord(e) && typeof e.alias === 'string' && typeof e.pem === 'string')
    )
  ) {
    throw new Error(`${release.valuesFile}: customCertificates.extraCerts is not a list of {alias, pem}`);
  }
  return block as CustomCertificates;
}
