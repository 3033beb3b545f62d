import type { k8s } from '../../imports/k8s';
import type { PodSecurityLevel } from '../config/model';

/** The UID newer ClearML agent images run as; any non-root UID works for `update-ca-certificates`. */
export const NON_ROOT_UID = 65532;

/**
 * The init container's securityContext for a Pod Security Standards level. `baseline` needs none;
 * `restricted` needs non-root, no privilege escalation, all capabilities dropped and RuntimeDefault
 * seccomp. `update-ca-certificates` runs fine that way: it only writes the emptyDir and /tmp.
 */
export function initSecurityContext(level: PodSecurityLevel): k8s.SecurityContext | undefined {
  if (level === 'baseline') return undefined;
  return {
    runAsNonRoot: true,
    runAsUser: NON_ROOT_UID,
    runAsGroup: NON_ROOT_UID,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
