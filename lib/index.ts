// The library's public surface, for code users: `import { AgentValues, loadCertificates } from './lib'`.

export { withContext } from './app/error-context';
export { renderApp } from './app/render';
export { type SynthesisResult, type SynthesizeOptions, synthesize, synthesizeTo } from './app/synthesize';
export { buildTrustApp, type TrustAppOptions } from './app/trust-app';
export { writeApp } from './app/write-app';
export * from './certificates';
export { AgentValues, type AgentValuesProps } from './charts/agent-values';
export { AppGatewayValues, type AppGatewayValuesProps } from './charts/app-gateway-values';
export { AppsAgentValues, type AppsAgentValuesProps } from './charts/apps-agent-values';
export { HelmValuesFile, type HelmValuesFileProps } from './charts/helm-values-file';
export type { ReleaseProps } from './charts/release';
export type { TaskPodOptions } from './charts/task-pod-values';
export { CHARTS, DEFAULT_INIT_IMAGE } from './config/defaults';
export { ConfigError } from './config/errors';
export type * from './config/model';
export { parseTrustConfig, readTrustConfig } from './config/read-config';
export { CaBundleConfigMap, type CaBundleConfigMapProps } from './constructs/ca-bundle-config-map';
export { CaConfigMaps, type CaConfigMapsProps } from './constructs/ca-config-maps';
export { CaProjectedVolume, type CaProjectedVolumeProps } from './constructs/ca-projected-volume';
export {
  type BasePodTemplate,
  TaskPodTemplate,
  type TaskPodTemplateProps,
} from './constructs/task-pod-template';
export { TaskPodTrust, type TaskPodTrustProps } from './constructs/task-pod-trust';
export { type HelmRelease, helmFullname } from './helm/fullname';
export { type CaTrust, nodePublicRoots, replacementBundle } from './trust/ca-trust';
