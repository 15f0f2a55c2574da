/**
 * The offline cache on this device: one IndexedDB database per user and document, named
 * `samrad:<user id>:<document name>`. On a shared computer the next person must not find
 * the previous person's case in the browser, so the caches are deleted:
 *
 * - of every other user, when someone opens a case (the signed-in user changed);
 * - of a document, when the server ends access to it (4401 or 4403);
 * - all of them, on `clearOfflineData()` (call it when the user signs out).
 *
 * Names of the caches are also kept in localStorage, for browsers that cannot list their
 * IndexedDB databases.
 */

/** Every cache name starts with this. */
export const CACHE_PREFIX = 'samrad:';
const REGISTRY_KEY = 'samrad:offline-caches';

/** The IndexedDB name of `user`'s copy of document `room` (e.g. `case/123`). */
export function offlineCacheName(userId: string, room: string): string {
  return `${CACHE_PREFIX}${encodeURIComponent(userId)}:${room}`;
}

/** The user part of a cache name; undefined for names from before caches were per user. */
function userOf(name: string): string | undefined {
  const m = /^samrad:([^:/]+):case\//.exec(name);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return undefined;
  }
}

/** Open caches of this page, so clearing can close them first. */
const open = new Map<string, () => Promise<void>>();

/** Called by connectCase for each cache it opens; `drop` stops caching and deletes it. */
export function trackCache(name: string, drop: () => Promise<void>): () => void {
  open.set(name, drop);
  const names = readRegistry();
  if (!names.includes(name)) writeRegistry([...names, name]);
  return () => { if (open.get(name) === drop) open.delete(name); };
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // e.g. storage blocked by the browser's settings
  }
}

function readRegistry(): string[] {
  try {
    const parsed = JSON.parse(storage()?.getItem(REGISTRY_KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

function writeRegistry(names: string[]): void {
  try {
    if (names.length === 0) storage()?.removeItem(REGISTRY_KEY);
    else storage()?.setItem(REGISTRY_KEY, JSON.stringify(names));
  } catch { /* storage full or blocked: the IndexedDB listing still finds them */ }
}

/** Names of every Samråd cache on this device that we can find. */
async function cacheNames(): Promise<string[]> {
  const names = new Set(readRegistry());
  if (typeof indexedDB !== 'undefined' && typeof indexedDB.databases === 'function') {
    try {
      for (const db of await indexedDB.databases()) if (db.name?.startsWith(CACHE_PREFIX)) names.add(db.name);
    } catch { /* listing not allowed: use the registry */ }
  }
  return [...names];
}

/** How long a deletion waits for connections to the database to close before it returns. */
const BLOCKED_WAIT_MS = 2000;

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve();
    const request = indexedDB.deleteDatabase(name);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => { clearTimeout(timer); resolve(); };
    request.onsuccess = done;
    request.onerror = done;
    // Blocked while a connection to it is still closing (ours, just let go) or open in another
    // tab: it is deleted once they let go. Wait a little for ours; never hang on another tab.
    request.onblocked = () => { timer ??= setTimeout(done, BLOCKED_WAIT_MS); };
  });
}

/** Deletes the caches whose names `which` selects, closing those this page has open. */
async function deleteCaches(which: (name: string) => boolean): Promise<void> {
  const names = (await cacheNames()).filter(which);
  await Promise.all(names.map(async (name) => {
    const drop = open.get(name);
    open.delete(name);
    if (drop) await drop().catch(() => {});
    await deleteDatabase(name);
  }));
  const gone = new Set(names);
  writeRegistry(readRegistry().filter((n) => !gone.has(n)));
}

/**
 * Deletes every Samråd offline copy on this device, of every user. Call it when the user
 * signs out (`<samrad-meeting>` does, in `signOut()`). Connections stay open; they just
 * stop keeping a copy.
 */
export function clearOfflineData(): Promise<void> {
  return deleteCaches(() => true);
}

/** Deletes the caches of every user but `userId` (and those from before caches were per user). */
export function clearOtherUsersOfflineData(userId: string): Promise<void> {
  return deleteCaches((name) => userOf(name) !== userId);
}

/** Deletes one cache. */
export function clearOfflineCache(name: string): Promise<void> {
  return deleteCaches((n) => n === name);
}
