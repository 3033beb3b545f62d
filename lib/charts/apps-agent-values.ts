import { Construct } from 'constructs';
import { CHARTS } from '../config/defaults';
import type { ReleaseSettings } from '../config/model';
import type { TaskPodTrust } from '../constructs/task-pod-trust';
import type { CaTrust } from '../trust/ca-trust';
import { certificateNotes } from './certificate-notes';
import { HelmValuesFile } from './helm-values-file';
import { type ReleaseProps, resolveRelease } from './release';
import { type TaskPodOptions, taskPodValues } from './task-pod-values';

export interface AppsAgentValuesProps extends TaskPodOptions {
  readonly trust: CaTrust;
  /** The control-plane release (chart `clearml-enterprise/clearml-enterprise` unless given). */
  readonly release: ReleaseProps;
  /**
   * Folder of the values file under the output folder.
   * @default 'helm/control-plane'
   */
  readonly folder?: string;
}

/**
 * The control plane's values override for its Apps Agent: `clearmlApplications.customCertificates` and
 * `clearmlApplications.basePodTemplate`. The chart creates ConfigMaps `<fullname>-apps-custom-ca-<i>`.
 */
export class AppsAgentValues extends Construct {
  static readonly FILE_NAME = 'clearml-values.override.yaml';
  readonly file: HelmValuesFile;
  readonly release: ReleaseSettings;
  readonly taskPodTrust?: TaskPodTrust;

  constructor(scope: Construct, id: string, props: AppsAgentValuesProps) {
    super(scope, id);
    this.release = resolveRelease(this.node.path, props.release, CHARTS.controlPlane);
    const values = taskPodValues(this, props.trust, this.release, props, 'apps-custom-ca');
    this.taskPodTrust = values.taskPodTrust;
    this.file = new HelmValuesFile(this, 'Values', {
      path: `${props.folder ?? 'helm/control-plane'}/${AppsAgentValues.FILE_NAME}`,
      release: this.release,
      title: 'ClearML control plane, Apps Agent (clearml-enterprise)',
      notes: certificateNotes(props.trust),
      values: {
        clearmlApplications: {
          customCertificates: values.customCertificates,
          ...(values.basePodTemplate ? { basePodTemplate: values.basePodTemplate } : {}),
        },
      },
    });
  }
}
