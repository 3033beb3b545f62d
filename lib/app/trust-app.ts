import { App, Chart } from 'cdk8s';
import type { CaCertificate } from '../certificates/types';
import { AgentValues } from '../charts/agent-values';
import { AppGatewayValues } from '../charts/app-gateway-values';
import { AppsAgentValues } from '../charts/apps-agent-values';
import { CONTROL_PLANE_FOLDER } from '../config/defaults';
import type { TrustConfig } from '../config/model';
import { type CaTrust, nodePublicRoots } from '../trust/ca-trust';

export interface TrustAppOptions {
  /**
   * Public roots for replace mode with `includePublicRoots: true`.
   * @default the Mozilla roots compiled into this Node binary
   */
  readonly publicRoots?: readonly string[];
}

/**
 * The whole synthesis as a construct tree: one cdk8s Chart per tenant (and one for the control plane)
 * holding the project-owned ConfigMaps and the values files of that tenant's releases.
 */
export function buildTrustApp(
  config: TrustConfig,
  certificates: readonly CaCertificate[],
  options: TrustAppOptions = {},
): App {
  const trust: CaTrust = {
    mode: config.mode,
    certificates,
    publicRoots:
      config.mode === 'replace' && config.includePublicRoots
        ? (options.publicRoots ?? nodePublicRoots())
        : undefined,
  };
  const app = new App();

  for (const tenant of config.tenants) {
    const chart = new Chart(app, tenant.name, { disableResourceNameHashes: true });
    const folder = `helm/${tenant.name}`;
    if (tenant.appGateway)
      new AppGatewayValues(chart, 'AppGateway', { trust, release: tenant.appGateway, folder });
    if (tenant.agent)
      new AgentValues(chart, 'Agent', { trust, release: tenant.agent, folder, ...tenant.agent });
  }
  if (config.controlPlane) {
    const chart = new Chart(app, CONTROL_PLANE_FOLDER, { disableResourceNameHashes: true });
    new AppsAgentValues(chart, 'AppsAgent', {
      trust,
      release: config.controlPlane,
      folder: `helm/${CONTROL_PLANE_FOLDER}`,
      ...config.controlPlane,
    });
  }
  return app;
}
