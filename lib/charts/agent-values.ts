import { Construct } from 'constructs';
import { CHARTS } from '../config/defaults';
import type { ReleaseSettings } from '../config/model';
import type { TaskPodTrust } from '../constructs/task-pod-trust';
import type { CaTrust } from '../trust/ca-trust';
import { certificateNotes } from './certificate-notes';
import { HelmValuesFile } from './helm-values-file';
import { type ReleaseProps, resolveRelease } from './release';
import { type TaskPodOptions, taskPodValues } from './task-pod-values';

export interface AgentValuesProps extends TaskPodOptions {
  readonly trust: CaTrust;
  /** The Agent release (chart `clearml-enterprise/clearml-enterprise-agent` unless given). */
  readonly release: ReleaseProps;
  /**
   * Folder of the values file under the output folder.
   * @default `helm/<namespace>`
   */
  readonly folder?: string;
}

/**
 * The ClearML Agent's values override: `customCertificates`, and the task pod template under
 * `agentk8sglue.basePodTemplate`. The chart creates ConfigMaps `<fullname>-custom-ca-<i>`.
 */
export class AgentValues extends Construct {
  static readonly FILE_NAME = 'clearml-agent-values.override.yaml';
  readonly file: HelmValuesFile;
  readonly release: ReleaseSettings;
  /** The task pod trust setup, when `taskPods` is `basePodTemplate`. */
  readonly taskPodTrust?: TaskPodTrust;

  constructor(scope: Construct, id: string, props: AgentValuesProps) {
    super(scope, id);
    this.release = resolveRelease(this.node.path, props.release, CHARTS.agent);
    const values = taskPodValues(this, props.trust, this.release, props, 'custom-ca');
    this.taskPodTrust = values.taskPodTrust;
    this.file = new HelmValuesFile(this, 'Values', {
      path: `${props.folder ?? `helm/${this.release.namespace}`}/${AgentValues.FILE_NAME}`,
      release: this.release,
      title: 'ClearML Agent (clearml-enterprise-agent)',
      notes: certificateNotes(props.trust),
      values: {
        customCertificates: values.customCertificates,
        ...(values.basePodTemplate ? { agentk8sglue: { basePodTemplate: values.basePodTemplate } } : {}),
      },
    });
  }
}
