/** Runs `run`, prefixing any error's message with where in the config it comes from. */
export function withContext<T>(where: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof Error) error.message = `${where}: ${error.message}`;
    throw error;
  }
}
