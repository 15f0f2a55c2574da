/**
 * The database and Redis drivers are optional: better-sqlite3 (the default store) installs
 * with the package, pg and ioredis only when a deployment adds them. Each is imported when
 * first used, so a server loads only the driver it runs on.
 */

/** Imports a module that needs `pkg`; when `pkg` is not installed, says which package to install. */
export async function loadDriver<T>(load: () => Promise<T>, pkg: string, what: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if ((e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') && e.message.includes(`'${pkg}'`)) {
      throw new Error(`${what} needs the ${pkg} package, which is not installed: npm install ${pkg}`, { cause: error });
    }
    throw error;
  }
}
