// Defaults for what the config leaves out. Chart names follow the ClearML documentation.

export const DEFAULT_CONFIG_FILE = 'clearml-trust.yaml';

/**
 * Pinned (never `latest`): the agent image named in the release notes of Agent chart 6.13.2.
 * Any image with Debian's `update-ca-certificates` works; set `initImage` to match your agent version.
 */
export const DEFAULT_INIT_IMAGE = 'allegroai/clearml-enterprise-agent-k8s-base:1.31-3.0.1-439';

export const CHARTS = {
  appGateway: 'clearml-enterprise/clearml-enterprise-app-gateway',
  agent: 'clearml-enterprise/clearml-enterprise-agent',
  controlPlane: 'clearml-enterprise/clearml-enterprise',
} as const;

/** Folder of the control plane's values file under `<out>/helm/`; no tenant may take this name. */
export const CONTROL_PLANE_FOLDER = 'control-plane';

export const DEFAULT_EXPIRY_WARNING_DAYS = 30;
