// Rules that tie task-pod settings to the trust mode. Shared by the config reader (which reports the
// key path) and the constructs (which report the construct path), so the two cannot disagree.

import type { CaConfigMapOwner, TaskPodsMode, TrustMode } from './model';

export interface TaskPodChoice {
  readonly taskPods: TaskPodsMode;
  readonly caConfigMaps?: CaConfigMapOwner;
  readonly hasExtraEntries: boolean;
  /** Init-container settings given explicitly (`initImage`, `podSecurity`). @default none */
  readonly initSettings?: readonly string[];
}

export interface RuleViolation {
  readonly key: 'caConfigMaps' | 'basePodTemplate' | 'initImage' | 'podSecurity';
  readonly problem: string;
}

/** The init-container settings given explicitly, for TaskPodChoice.initSettings. */
export function explicitInitSettings(options: {
  readonly initImage?: unknown;
  readonly podSecurity?: unknown;
}): readonly string[] {
  return (['initImage', 'podSecurity'] as const).filter((key) => options[key] !== undefined);
}

/** The owner used when none is given: the chart's ConfigMaps in append mode, ours in replace mode. */
export function defaultCaConfigMapOwner(mode: TrustMode): CaConfigMapOwner {
  return mode === 'replace' ? 'project' : 'chart';
}

export function taskPodRuleViolation(mode: TrustMode, choice: TaskPodChoice): RuleViolation | undefined {
  if (mode === 'replace' && choice.caConfigMaps === 'chart') {
    return {
      key: 'caConfigMaps',
      problem:
        'cannot be "chart" in replace mode: the chart does not document the name and key of its bundle ' +
        'ConfigMap, so task pods get the bundle from a project-owned ConfigMap; remove this key',
    };
  }
  if (choice.caConfigMaps === 'project' && choice.taskPods !== 'basePodTemplate') {
    return {
      key: 'caConfigMaps',
      problem: `"project" ConfigMaps are only mounted by taskPods: basePodTemplate; with taskPods: ${choice.taskPods} nothing would use them`,
    };
  }
  if (choice.hasExtraEntries && choice.taskPods !== 'basePodTemplate') {
    return {
      key: 'basePodTemplate',
      problem:
        `is merged into the task pod template we write, which taskPods: ${choice.taskPods} does not write; ` +
        'keep these entries in your own values file instead',
    };
  }
  const initSetting = choice.initSettings?.[0];
  if (initSetting && (mode === 'replace' || choice.taskPods !== 'basePodTemplate')) {
    const why =
      mode === 'replace'
        ? 'replace mode mounts the bundle directly and has no init container'
        : `taskPods: ${choice.taskPods} writes no init container`;
    return { key: initSetting as RuleViolation['key'], problem: `has no effect: ${why}; remove it` };
  }
  return undefined;
}
