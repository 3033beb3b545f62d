import { ConfigMap } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { type HelmRelease, helmFullname } from '../helm/fullname';
import { type CaTrust, replacementBundle } from '../trust/ca-trust';
import { checkConfigMapSize } from './config-map-limits';
import { commonLabels } from './labels';

export interface CaBundleConfigMapProps {
  /** The replacement bundle's content. */
  readonly trust: CaTrust;
  readonly release: HelmRelease;
  readonly namespace: string;
}

/**
 * Replace mode: the whole replacement `ca-certificates.crt` in one project-owned ConfigMap, named
 * `<fullname>-ca-bundle`. The chart's own bundle ConfigMap is undocumented, so task pods mount this one.
 */
export class CaBundleConfigMap extends Construct {
  /** The data key holding the bundle. */
  static readonly KEY = 'ca-certificates.crt';
  readonly configMap: ConfigMap;
  readonly name: string;
  readonly key = CaBundleConfigMap.KEY;

  constructor(scope: Construct, id: string, props: CaBundleConfigMapProps) {
    super(scope, id);
    if (props.trust.certificates.length === 0) {
      throw new Error(`${this.node.path}: the bundle must hold at least one CA`);
    }
    this.name = `${helmFullname(props.release)}-ca-bundle`;
    const bundle = replacementBundle(props.trust);
    const data = { [CaBundleConfigMap.KEY]: bundle };
    checkConfigMapSize(this.name, data);
    this.configMap = new ConfigMap(this, 'Resource', {
      metadata: {
        name: this.name,
        namespace: props.namespace,
        labels: commonLabels(props.release.releaseName, 'ca-bundle'),
        annotations: {
          'clearml-trust/certificates': String(bundle.split('-----BEGIN CERTIFICATE-----').length - 1),
        },
      },
      data,
    });
  }
}
