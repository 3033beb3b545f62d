/** A problem in the config file, located by its key path (`tenants[1].agent.releaseName`). */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    problem: string,
  ) {
    super(path ? `${file}: ${path}: ${problem}` : `${file}: ${problem}`);
    this.name = 'ConfigError';
  }
}
