import { Construct } from 'constructs';
import type { k8s } from '../../imports/k8s';
import { DEFAULT_INIT_IMAGE } from '../config/defaults';
import { imageProblem } from '../config/image-rules';
import type { BasePodTemplateEntries, PodSecurityLevel, PodSpecEntry } from '../config/model';
import { podEntryProblem } from '../config/pod-entry-rules';
import type { CaBundleConfigMap } from './ca-bundle-config-map';
import type { CaProjectedVolume } from './ca-projected-volume';
import { initSecurityContext } from './pod-security';
import { mergeEntries } from './pod-template-merge';

export const ETC_SSL_CERTS = '/etc/ssl/certs';
export const LOCAL_CA_DIR = '/usr/local/share/ca-certificates';
export const CA_BUNDLE_PATH = `${ETC_SSL_CERTS}/ca-certificates.crt`;

/** How the CAs reach the task pod. */
export type TaskPodCaSource =
  /** append: `update-ca-certificates` in an init container adds the projected CAs to the system bundle. */
  | { readonly kind: 'extraCerts'; readonly volume: CaProjectedVolume }
  /** replace: the replacement bundle is mounted as the whole `/etc/ssl/certs`; no init container. */
  | { readonly kind: 'bundle'; readonly bundle: CaBundleConfigMap };

export interface TaskPodTemplateProps {
  readonly source: TaskPodCaSource;
  /**
   * Image of the init container; needs Debian's `update-ca-certificates`. Pin it to your agent version.
   * @default DEFAULT_INIT_IMAGE (a pinned ClearML agent image)
   */
  readonly initImage?: string;
  /**
   * Pod Security Standards level the init container must pass.
   * @default 'baseline' (no securityContext, as in the ClearML recipe)
   */
  readonly podSecurity?: PodSecurityLevel;
  /**
   * The user's own basePodTemplate lists, merged after ours (name collisions are refused).
   * @default none
   */
  readonly extraEntries?: BasePodTemplateEntries;
}

/** The `basePodTemplate` values block, exactly as it is written to the values file. */
export interface BasePodTemplate {
  readonly initContainers?: readonly (k8s.Container | PodSpecEntry)[];
  readonly env: readonly (k8s.EnvVar | PodSpecEntry)[];
  readonly volumeMounts: readonly (k8s.VolumeMount | PodSpecEntry)[];
  readonly volumes: readonly (k8s.Volume | PodSpecEntry)[];
}

/**
 * The task pod template (`basePodTemplate`) that makes ClearML task pods trust the CAs: every TLS
 * client in the task container reads `/etc/ssl/certs/ca-certificates.crt`, and `REQUESTS_CA_BUNDLE`
 * and `SSL_CERT_FILE` point Python `requests` and OpenSSL at it.
 */
export class TaskPodTemplate extends Construct {
  /** The name of the init container (the ClearML recipe's). */
  static readonly INIT_CONTAINER = 'init-task';
  /** The `emptyDir` that holds the bundle `update-ca-certificates` writes. */
  static readonly CERTS_VOLUME = 'etc-ssl-certs';

  readonly template: BasePodTemplate;

  constructor(scope: Construct, id: string, props: TaskPodTemplateProps) {
    super(scope, id);
    const env: k8s.EnvVar[] = [
      { name: 'REQUESTS_CA_BUNDLE', value: CA_BUNDLE_PATH },
      { name: 'SSL_CERT_FILE', value: CA_BUNDLE_PATH },
    ];
    const ours =
      props.source.kind === 'extraCerts'
        ? this.appendSetup(props.source.volume, props)
        : this.replaceSetup(props.source.bundle);
    const extra: BasePodTemplateEntries = props.extraEntries ?? {};
    checkProps(this.node.path, props, extra);
    try {
      const initContainers = mergeEntries('initContainers', ours.initContainers, extra.initContainers ?? []);
      this.template = {
        ...(initContainers.length > 0 ? { initContainers } : {}),
        env: mergeEntries('env', env, extra.env ?? []),
        // A volume may be mounted several times (subPath); only the mount path must be unique.
        volumeMounts: mergeEntries('volumeMounts', ours.volumeMounts, extra.volumeMounts ?? [], [
          'mountPath',
        ]),
        volumes: mergeEntries('volumes', ours.volumes, extra.volumes ?? []),
      };
    } catch (error) {
      throw new Error(`${this.node.path}: ${(error as Error).message}`);
    }
  }

  private appendSetup(volume: CaProjectedVolume, props: TaskPodTemplateProps): Setup {
    const certsMount: k8s.VolumeMount = { name: TaskPodTemplate.CERTS_VOLUME, mountPath: ETC_SSL_CERTS };
    const securityContext = initSecurityContext(props.podSecurity ?? 'baseline');
    return {
      initContainers: [
        {
          name: TaskPodTemplate.INIT_CONTAINER,
          image: props.initImage ?? DEFAULT_INIT_IMAGE,
          imagePullPolicy: 'IfNotPresent',
          command: ['/bin/sh', '-c', 'update-ca-certificates'],
          volumeMounts: [certsMount, volume.mount(LOCAL_CA_DIR)],
          ...(securityContext ? { securityContext } : {}),
        },
      ],
      // The CA folder is mounted in the task container too, so the per-CA symlinks that
      // update-ca-certificates leaves in /etc/ssl/certs resolve there as well.
      volumeMounts: [certsMount, volume.mount(LOCAL_CA_DIR)],
      volumes: [{ name: TaskPodTemplate.CERTS_VOLUME, emptyDir: {} }, volume.volume],
    };
  }

  private replaceSetup(bundle: CaBundleConfigMap): Setup {
    const name = 'clearml-ca-bundle';
    // The bundle replaces the whole /etc/ssl/certs, not only ca-certificates.crt: OpenSSL clients
    // (curl, openssl, anything using its default CApath) also look up the image's hashed links in
    // that folder, which would keep every public root trusted. The end-to-end test proves both.
    return {
      initContainers: [],
      volumeMounts: [{ name, mountPath: ETC_SSL_CERTS, readOnly: true }],
      volumes: [{ name, configMap: { name: bundle.name, defaultMode: 420 } }],
    };
  }
}

function checkProps(where: string, props: TaskPodTemplateProps, extra: BasePodTemplateEntries): void {
  if (props.initImage !== undefined) {
    const problem = imageProblem(props.initImage);
    if (problem) throw new Error(`${where}: initImage "${props.initImage}" ${problem}`);
  }
  for (const list of ['env', 'volumes', 'volumeMounts', 'initContainers'] as const) {
    for (const [index, entry] of (extra[list] ?? []).entries()) {
      const violation = podEntryProblem(list, entry);
      if (violation)
        throw new Error(`${where}: basePodTemplate.${list}[${index}].${violation.key} ${violation.problem}`);
    }
  }
}

interface Setup {
  readonly initContainers: k8s.Container[];
  readonly volumeMounts: k8s.VolumeMount[];
  readonly volumes: k8s.Volume[];
}
