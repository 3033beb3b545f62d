import { Construct } from 'constructs';
import { CHARTS } from '../config/defaults';
import type { ReleaseSettings } from '../config/model';
import type { CaTrust } from '../trust/ca-trust';
import { certificateNotes } from './certificate-notes';
import { customCertificatesValues } from './custom-certificates';
import { HelmValuesFile } from './helm-values-file';
import { type ReleaseProps, resolveRelease } from './release';

export interface AppGatewayValuesProps {
  readonly trust: CaTrust;
  /** The gateway release (chart `clearml-enterprise/clearml-enterprise-app-gateway` unless given). */
  readonly release: ReleaseProps;
  /**
   * Folder of the values file under the output folder.
   * @default `helm/<namespace>`
   */
  readonly folder?: string;
}

/** The AI Application Gateway's values override: its `customCertificates` block. */
export class AppGatewayValues extends Construct {
  static readonly FILE_NAME = 'clearml-app-gateway-values.override.yaml';
  readonly file: HelmValuesFile;
  readonly release: ReleaseSettings;

  constructor(scope: Construct, id: string, props: AppGatewayValuesProps) {
    super(scope, id);
    this.release = resolveRelease(this.node.path, props.release, CHARTS.appGateway);
    this.file = new HelmValuesFile(this, 'Values', {
      path: `${props.folder ?? `helm/${this.release.namespace}`}/${AppGatewayValues.FILE_NAME}`,
      release: this.release,
      title: 'ClearML AI Application Gateway (clearml-enterprise-app-gateway)',
      notes: certificateNotes(props.trust),
      values: { customCertificates: customCertificatesValues(props.trust) },
    });
  }
}
