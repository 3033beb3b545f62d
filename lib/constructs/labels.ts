// Labels and annotations on the objects we emit: who manages them, and what a reviewer needs to
// know about a CA without decoding it.

import type { CaCertificate } from '../certificates/types';

export const MANAGED_BY = 'clearml-trust';
const ANNOTATION_PREFIX = 'clearml-trust';

export function commonLabels(releaseName: string, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/managed-by': MANAGED_BY,
    'app.kubernetes.io/part-of': 'clearml',
    'app.kubernetes.io/instance': releaseName,
    'app.kubernetes.io/component': component,
  };
}

export function certificateAnnotations(certificate: CaCertificate): Record<string, string> {
  return {
    [`${ANNOTATION_PREFIX}/fingerprint-sha256`]: certificate.fingerprint256,
    [`${ANNOTATION_PREFIX}/not-after`]: certificate.notAfter.toISOString(),
    [`${ANNOTATION_PREFIX}/subject`]: certificate.subject.replace(/\n/g, ', '),
  };
}
