import type { ReleaseSettings } from '../config/model';
import { chartNameOf, chartTokenProblem } from '../helm/chart-ref';
import type { HelmRelease } from '../helm/fullname';
import { dnsLabelProblem, releaseNameProblem } from '../helm/names';

/** A Helm release as code users give it; the chart defaults to the ClearML chart of the values class. */
export interface ReleaseProps {
  readonly releaseName: string;
  readonly namespace: string;
  /**
   * Chart reference for `helm upgrade`.
   * @default the ClearML Enterprise chart this values file is for
   */
  readonly chart?: string;
  /**
   * The chart's name (for the fullname rule).
   * @default the last path segment of `chart`
   */
  readonly chartName?: string;
  /** @default no `--version` in the printed command (Helm takes the newest) */
  readonly chartVersion?: string;
  /** The chart value `fullnameOverride`, if your values set it. @default none */
  readonly fullnameOverride?: string;
  /** The chart value `nameOverride`, if your values set it. @default none */
  readonly nameOverride?: string;
}

/** Fills chart defaults and checks names; `where` prefixes messages (a construct path). */
export function resolveRelease(where: string, props: ReleaseProps, defaultChart: string): ReleaseSettings {
  const releaseProblem = releaseNameProblem(props.releaseName);
  if (releaseProblem) throw new Error(`${where}: releaseName "${props.releaseName}" ${releaseProblem}`);
  const namespaceProblem = dnsLabelProblem(props.namespace);
  if (namespaceProblem) throw new Error(`${where}: namespace "${props.namespace}" ${namespaceProblem}`);
  const chart = props.chart ?? defaultChart;
  for (const [key, value] of [
    ['chart', chart],
    ['chartVersion', props.chartVersion],
  ] as const) {
    const problem = value === undefined ? undefined : chartTokenProblem(value);
    if (problem) throw new Error(`${where}: ${key} ${JSON.stringify(value)} ${problem}`);
  }
  return { ...props, chart, chartName: props.chartName ?? chartNameOf(chart) };
}

export function helmRelease(release: ReleaseSettings): HelmRelease {
  return {
    releaseName: release.releaseName,
    chartName: release.chartName,
    fullnameOverride: release.fullnameOverride,
    nameOverride: release.nameOverride,
  };
}
