import type { IConfigMap } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { k8s } from '../../imports/k8s';
import { dnsLabelProblem } from '../helm/names';

export interface CaProjectedVolumeProps {
  /** The CA ConfigMaps, one projected source each, in this order. */
  readonly configMaps: readonly IConfigMap[];
  /**
   * Volume name.
   * @default 'clearml-extra-ca-certs' (the name in the ClearML recipe)
   */
  readonly name?: string;
  /**
   * File mode of the projected files.
   * @default 420 (0644: readable by the non-root users task images run as)
   */
  readonly defaultMode?: number;
}

/**
 * The projected volume that gathers every CA ConfigMap into one folder, the input of
 * `update-ca-certificates`. cdk8s-plus-27 has no projected-volume L2, so this builds the L1 shape.
 */
export class CaProjectedVolume extends Construct {
  readonly name: string;
  readonly volume: k8s.Volume;

  constructor(scope: Construct, id: string, props: CaProjectedVolumeProps) {
    super(scope, id);
    this.name = props.name ?? 'clearml-extra-ca-certs';
    const problem = dnsLabelProblem(this.name);
    if (problem) throw new Error(`${this.node.path}: volume name "${this.name}" ${problem}`);
    if (props.configMaps.length === 0) {
      throw new Error(`${this.node.path}: a projected CA volume needs at least one ConfigMap`);
    }
    const defaultMode = props.defaultMode ?? 420;
    if (!Number.isInteger(defaultMode) || defaultMode < 0 || defaultMode > 0o777) {
      throw new Error(
        `${this.node.path}: defaultMode must be a file mode between 0 and 511 (0777), not ${defaultMode}`,
      );
    }
    this.volume = {
      name: this.name,
      projected: {
        defaultMode,
        sources: props.configMaps.map((configMap) => ({ configMap: { name: configMap.name } })),
      },
    };
  }

  /** A mount of this volume; read-only by default, since nothing should write to a CA source. */
  mount(mountPath: string, options: { readonly readOnly?: boolean } = {}): k8s.VolumeMount {
    return { name: this.name, mountPath, readOnly: options.readOnly ?? true };
  }
}
