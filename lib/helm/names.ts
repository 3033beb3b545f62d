// Kubernetes and Helm name rules, as plain predicates so messages can say which rule failed.

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Helm refuses release names longer than this (it appends suffixes of its own to them). */
export const MAX_RELEASE_NAME = 53;
export const MAX_DNS_LABEL = 63;
export const MAX_DNS_SUBDOMAIN = 253;

/** Returns why `value` is not a DNS-1123 label (namespaces, container and volume names), or undefined. */
export function dnsLabelProblem(value: string, max = MAX_DNS_LABEL): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > max) return `is ${value.length} characters long; at most ${max} are allowed`;
  if (!DNS_LABEL.test(value)) {
    return 'must be a lower-case DNS label: a-z, 0-9 and "-", starting and ending with a letter or digit';
  }
  return undefined;
}

/** Returns why `value` is not a Helm release name, or undefined. */
export function releaseNameProblem(value: string): string | undefined {
  return dnsLabelProblem(value, MAX_RELEASE_NAME);
}

/** Returns why `value` is not a DNS-1123 subdomain (ConfigMap names), or undefined. */
export function dnsSubdomainProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > MAX_DNS_SUBDOMAIN) {
    return `is ${value.length} characters long; at most ${MAX_DNS_SUBDOMAIN} are allowed`;
  }
  if (!DNS_SUBDOMAIN.test(value)) {
    return 'must be a lower-case DNS subdomain: a-z, 0-9, "-" and ".", starting and ending with a letter or digit';
  }
  return undefined;
}
