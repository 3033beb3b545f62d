import { App, Chart } from 'cdk8s';
import type { CaCertificate } from '../certificates/types';
import { AgentValues } from '../charts/agent-values';
import { AppGatewayValues } from '../charts/app-gateway-values';
import { AppsAgentValues } from '../charts/apps-agent-values';
import { CONTROL_PLANE_FOLDER } from '../config/defaults';
import type { TrustConfig } from '../config/model';
import { type CaTrust, nodePublicRoots } from '../trust/ca-trust';
import { withContext } from './error-context';

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
  // Construct errors name the construct; say which config entry it came from as well.
  const at = (where: string, build: () => void) => withContext(`${config.file}: ${where}`, build);

  config.tenants.forEach((tenant, i) => {
    const chart = new Chart(app, tenant.name, { disableResourceNameHashes: true });
    const folder = `helm/${tenant.name}`;
    const { appGateway, agent } = tenant;
    if (appGateway) {
      at(
        `tenants[${i}].appGateway`,
        () => new AppGatewayValues(chart, 'AppGateway', { trust, release: appGateway, folder }),
      );
    }
    if (agent) {
      at(
        `tenants[${i}].agent`,
        () => new AgentValues(chart, 'Agent', { trust, release: agent, folder, ...agent }),
      );
    }
  });
  const { controlPlane } = config;
  if (controlPlane) {
    const chart = new Chart(app, CONTROL_PLANE_FOLDER, { disableResourceNameHashes: true });
    const folder = `helm/${CONTROL_PLANE_FOLDER}`;
    at(
      'controlPlane',
      () =>
        new AppsAgentValues(chart, 'AppsAgent', { trust, release: controlPlane, folder, ...controlPlane }),
    );
  }
  return app;
}
