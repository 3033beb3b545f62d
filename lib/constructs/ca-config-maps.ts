import { ConfigMap, type IConfigMap } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { CaCertificate } from '../certificates/types';
import type { CaConfigMapOwner } from '../config/model';
import { type HelmRelease, helmFullname } from '../helm/fullname';
import { dnsSubdomainProblem } from '../helm/names';
import { checkConfigMapSize } from './config-map-limits';
import { certificateAnnotations, commonLabels } from './labels';

export interface CaConfigMapsProps {
  /** The CAs, in the order they are listed in `extraCerts`. */
  readonly certificates: readonly CaCertificate[];
  /** The Helm release whose chart creates (or whose task pods mount) the ConfigMaps. */
  readonly release: HelmRelease;
  /** Namespace of the release; project-owned ConfigMaps are created there. */
  readonly namespace: string;
  /**
   * chart: the chart creates one ConfigMap per `extraCerts` entry, named `<fullname>-<suffix>-<index>`, and
   * these are references to them. project: we create one ConfigMap per CA, named `<fullname>-ca-<alias>`
   * with the key `<alias>.crt`, independent of list order and of the chart's templates.
   * @default 'chart'
   */
  readonly owner?: CaConfigMapOwner;
  /**
   * Suffix the chart puts after its fullname: `custom-ca` (Agent), `apps-custom-ca` (Apps Agent).
   * @default 'custom-ca'
   */
  readonly chartSuffix?: string;
}

/** One ConfigMap per CA certificate: chart-owned references or project-owned ConfigMaps. */
export class CaConfigMaps extends Construct {
  /** The ConfigMaps, in certificate order. */
  readonly configMaps: readonly IConfigMap[];
  /** Their names, in certificate order: what a projected volume must list. */
  readonly names: readonly string[];
  readonly owner: CaConfigMapOwner;

  constructor(scope: Construct, id: string, props: CaConfigMapsProps) {
    super(scope, id);
    if (props.certificates.length === 0) {
      throw new Error(`${this.node.path}: certificates must hold at least one CA`);
    }
    this.owner = props.owner ?? 'chart';
    const fullname = helmFullname(props.release);
    const chartSuffix = props.chartSuffix ?? 'custom-ca';

    this.configMaps = props.certificates.map((certificate, index) => {
      if (this.owner === 'chart') {
        const name = `${fullname}-${chartSuffix}-${index}`;
        checkName(this, name);
        return ConfigMap.fromConfigMapName(this, `Chart${index}`, name);
      }
      const name = `${fullname}-ca-${certificate.alias}`;
      checkName(this, name);
      const data = { [`${certificate.alias}.crt`]: certificate.pem };
      checkConfigMapSize(name, data);
      return new ConfigMap(this, certificate.alias, {
        metadata: {
          name,
          namespace: props.namespace,
          labels: commonLabels(props.release.releaseName, 'ca-certificate'),
          annotations: certificateAnnotations(certificate),
        },
        data,
      });
    });
    this.names = this.configMaps.map((configMap) => configMap.name);
  }
}

function checkName(scope: Construct, name: string): void {
  const problem = dnsSubdomainProblem(name);
  if (problem) throw new Error(`${scope.node.path}: ConfigMap name "${name}" ${problem}`);
}
