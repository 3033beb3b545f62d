/** `repo/chart`, `oci://host/path/chart` and `./path/chart` all end in the chart's name. */
export function chartNameOf(chart: string): string {
  return chart.replace(/\/+$/, '').split('/').pop() ?? chart;
}
