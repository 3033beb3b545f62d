// The resolved configuration: what `clearml-trust.yaml` says, with every default filled in.
// Pure data, shared by the config reader and the constructs.

import type { CertificateInput, TrustPolicy } from '../certificates/types';

/** append: `customCertificates.extraCerts` (added to the system bundle); replace: `overrideCaCertificatesCrt`. */
export type TrustMode = 'append' | 'replace';

/** How task pods get the CAs: our `basePodTemplate`, the chart's own `propagateToTasks`, or not at all. */
export type TaskPodsMode = 'basePodTemplate' | 'propagateToTasks' | 'none';

/** chart: the chart creates the CA ConfigMaps and we reference them; project: we emit our own. */
export type CaConfigMapOwner = 'chart' | 'project';

/** The Pod Security Standards level the init container is made to pass. */
export type PodSecurityLevel = 'baseline' | 'restricted';

/** A Kubernetes object of the pod spec (env var, volume, mount, container) taken from the user as-is. */
export type PodSpecEntry = Readonly<Record<string, unknown>> & { readonly name: string };

/** `basePodTemplate` lists the user already has: Helm replaces lists whole, so we merge them into ours. */
export interface BasePodTemplateEntries {
  /** @default none */
  readonly env?: readonly PodSpecEntry[];
  /** @default none */
  readonly volumes?: readonly PodSpecEntry[];
  /** @default none */
  readonly volumeMounts?: readonly PodSpecEntry[];
  /** @default none */
  readonly initContainers?: readonly PodSpecEntry[];
}

export interface ReleaseSettings {
  readonly releaseName: string;
  readonly namespace: string;
  /** Chart reference for `helm upgrade`, e.g. `clearml-enterprise/clearml-enterprise-agent`. */
  readonly chart: string;
  /** The chart's name (Chart.yaml), used by the fullname rule. */
  readonly chartName: string;
  readonly chartVersion?: string;
  readonly fullnameOverride?: string;
  readonly nameOverride?: string;
}

export interface TaskPodSettings {
  readonly taskPods: TaskPodsMode;
  /** Left undefined when the config does not say: the default depends on the mode (see task-pod-rules). */
  readonly caConfigMaps?: CaConfigMapOwner;
  /** Unset when the config does not say: DEFAULT_INIT_IMAGE then. */
  readonly initImage?: string;
  /** Unset when the config does not say: 'baseline' then. */
  readonly podSecurity?: PodSecurityLevel;
  readonly basePodTemplate: BasePodTemplateEntries;
}

export interface AgentSettings extends ReleaseSettings, TaskPodSettings {}

export interface ControlPlaneSettings extends ReleaseSettings, TaskPodSettings {
  readonly appsAgent: true;
}

export interface TenantSettings {
  readonly name: string;
  readonly appGateway?: ReleaseSettings;
  readonly agent?: AgentSettings;
}

export interface TrustConfig {
  /** The config file as given (for messages). */
  readonly file: string;
  /** Folder that relative certificate paths resolve against: the config file's folder. */
  readonly baseDir: string;
  readonly certificates: readonly CertificateInput[];
  readonly mode: TrustMode;
  /** Replace mode only: prepend the Mozilla roots compiled into Node. */
  readonly includePublicRoots: boolean;
  readonly policy: TrustPolicy;
  readonly tenants: readonly TenantSettings[];
  readonly controlPlane?: ControlPlaneSettings;
}
