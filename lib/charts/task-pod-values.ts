// Shared by the Agent and the Apps Agent: the customCertificates block plus, when asked, our task pod
// template. Both charts take the same shape under a different parent key.

import type { Construct } from 'constructs';
import type {
  BasePodTemplateEntries,
  CaConfigMapOwner,
  PodSecurityLevel,
  ReleaseSettings,
  TaskPodsMode,
} from '../config/model';
import { explicitInitSettings, taskPodRuleViolation } from '../config/task-pod-rules';
import { TaskPodTrust } from '../constructs/task-pod-trust';
import type { CaTrust } from '../trust/ca-trust';
import { type CustomCertificatesValues, customCertificatesValues } from './custom-certificates';
import { helmRelease } from './release';

/** Task-pod options shared by AgentValues and AppsAgentValues. */
export interface TaskPodOptions {
  /**
   * basePodTemplate: we write the task pod template; propagateToTasks: the chart injects the CAs itself
   * (newer charts); none: task pods are left alone.
   * @default 'basePodTemplate'
   */
  readonly taskPods?: TaskPodsMode;
  /** @default 'chart' in append mode, 'project' in replace mode */
  readonly caConfigMaps?: CaConfigMapOwner;
  /** @default DEFAULT_INIT_IMAGE */
  readonly initImage?: string;
  /** @default 'baseline' */
  readonly podSecurity?: PodSecurityLevel;
  /** Your own basePodTemplate lists, merged into ours. @default none */
  readonly basePodTemplate?: BasePodTemplateEntries;
}

export interface TaskPodValues {
  readonly customCertificates: CustomCertificatesValues;
  readonly basePodTemplate?: TaskPodTrust['template'];
  readonly taskPodTrust?: TaskPodTrust;
}

export function taskPodValues(
  scope: Construct,
  trust: CaTrust,
  release: ReleaseSettings,
  options: TaskPodOptions,
  chartSuffix: string,
): TaskPodValues {
  const taskPods = options.taskPods ?? 'basePodTemplate';
  const extras = options.basePodTemplate;
  const hasExtraEntries = !!extras && Object.values(extras).some((list) => (list?.length ?? 0) > 0);
  const initSettings = explicitInitSettings(options);
  const violation = taskPodRuleViolation(trust.mode, {
    taskPods,
    caConfigMaps: options.caConfigMaps,
    hasExtraEntries,
    initSettings,
  });
  if (violation) throw new Error(`${scope.node.path}: ${violation.key} ${violation.problem}`);

  const customCertificates = customCertificatesValues(trust, {
    propagateToTasks: taskPods === 'propagateToTasks',
  });
  if (taskPods !== 'basePodTemplate') return { customCertificates };
  const taskPodTrust = new TaskPodTrust(scope, 'TaskPods', {
    trust,
    release: helmRelease(release),
    namespace: release.namespace,
    caConfigMaps: options.caConfigMaps,
    chartSuffix,
    initImage: options.initImage,
    podSecurity: options.podSecurity,
    extraEntries: extras,
  });
  return { customCertificates, basePodTemplate: taskPodTrust.template, taskPodTrust };
}
