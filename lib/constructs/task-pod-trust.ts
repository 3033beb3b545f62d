import { Construct } from 'constructs';
import type { BasePodTemplateEntries, CaConfigMapOwner, PodSecurityLevel } from '../config/model';
import {
  defaultCaConfigMapOwner,
  explicitInitSettings,
  taskPodRuleViolation,
} from '../config/task-pod-rules';
import type { HelmRelease } from '../helm/fullname';
import type { CaTrust } from '../trust/ca-trust';
import { CaBundleConfigMap } from './ca-bundle-config-map';
import { CaConfigMaps } from './ca-config-maps';
import { CaProjectedVolume } from './ca-projected-volume';
import { type BasePodTemplate, TaskPodTemplate } from './task-pod-template';

export interface TaskPodTrustProps {
  readonly trust: CaTrust;
  readonly release: HelmRelease;
  readonly namespace: string;
  /**
   * Who owns the per-CA ConfigMaps (append mode). Replace mode always uses a project-owned bundle.
   * @default 'chart' in append mode, 'project' in replace mode
   */
  readonly caConfigMaps?: CaConfigMapOwner;
  /**
   * The chart's ConfigMap suffix after its fullname.
   * @default 'custom-ca'
   */
  readonly chartSuffix?: string;
  /** @default DEFAULT_INIT_IMAGE */
  readonly initImage?: string;
  /** @default 'baseline' */
  readonly podSecurity?: PodSecurityLevel;
  /** @default none */
  readonly extraEntries?: BasePodTemplateEntries;
}

/**
 * Everything a task pod needs to trust the CAs: the ConfigMaps (chart references or our own), the
 * projected volume (append) or bundle ConfigMap (replace), and the `basePodTemplate` that mounts them.
 * Must be created inside a cdk8s Chart: project-owned ConfigMaps are Kubernetes objects.
 */
export class TaskPodTrust extends Construct {
  readonly template: BasePodTemplate;
  /** The ConfigMaps the template mounts, in order. */
  readonly configMapNames: readonly string[];
  readonly caConfigMaps?: CaConfigMaps;
  readonly bundle?: CaBundleConfigMap;

  constructor(scope: Construct, id: string, props: TaskPodTrustProps) {
    super(scope, id);
    const violation = taskPodRuleViolation(props.trust.mode, {
      taskPods: 'basePodTemplate',
      caConfigMaps: props.caConfigMaps,
      hasExtraEntries: false,
      initSettings: explicitInitSettings(props),
    });
    if (violation) throw new Error(`${this.node.path}: ${violation.key} ${violation.problem}`);
    const common = {
      initImage: props.initImage,
      podSecurity: props.podSecurity,
      extraEntries: props.extraEntries,
    };

    if (props.trust.mode === 'append') {
      this.caConfigMaps = new CaConfigMaps(this, 'CaConfigMaps', {
        certificates: props.trust.certificates,
        release: props.release,
        namespace: props.namespace,
        owner: props.caConfigMaps ?? defaultCaConfigMapOwner(props.trust.mode),
        chartSuffix: props.chartSuffix,
      });
      const volume = new CaProjectedVolume(this, 'Volume', { configMaps: this.caConfigMaps.configMaps });
      this.configMapNames = this.caConfigMaps.names;
      this.template = new TaskPodTemplate(this, 'Template', {
        source: { kind: 'extraCerts', volume },
        ...common,
      }).template;
    } else {
      this.bundle = new CaBundleConfigMap(this, 'Bundle', {
        trust: props.trust,
        release: props.release,
        namespace: props.namespace,
      });
      this.configMapNames = [this.bundle.name];
      this.template = new TaskPodTemplate(this, 'Template', {
        source: { kind: 'bundle', bundle: this.bundle },
        ...common,
      }).template;
    }
  }
}
