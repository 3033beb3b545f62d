// The `<chart>.fullname` helper of Helm's standard scaffold (`helm create`), which the ClearML
// charts use to name what they create. Kept byte-for-byte faithful to its template:
//
//   {{- if .Values.fullnameOverride }}
//   {{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
//   {{- else }}
//   {{- $name := default .Chart.Name .Values.nameOverride }}
//   {{- if contains $name .Release.Name }}
//   {{- .Release.Name | trunc 63 | trimSuffix "-" }}
//   {{- else }}
//   {{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}

export interface HelmRelease {
  /** The release name given to `helm upgrade -i`. */
  readonly releaseName: string;
  /** The chart's `name` from its Chart.yaml. */
  readonly chartName: string;
  /** The chart value `fullnameOverride`. @default none */
  readonly fullnameOverride?: string;
  /** The chart value `nameOverride`. @default none */
  readonly nameOverride?: string;
}

/** `trunc 63 | trimSuffix "-"`: cut to 63 characters, then drop one trailing dash (only one, as sprig does). */
function truncTrim(value: string): string {
  const cut = value.slice(0, 63);
  return cut.endsWith('-') ? cut.slice(0, -1) : cut;
}

/** The chart's fullname for a release, as Helm renders it. */
export function helmFullname(release: HelmRelease): string {
  // Go templates treat an empty string as unset.
  if (release.fullnameOverride) return truncTrim(release.fullnameOverride);
  const name = release.nameOverride || release.chartName;
  if (release.releaseName.includes(name)) return truncTrim(release.releaseName);
  return truncTrim(`${release.releaseName}-${name}`);
}
