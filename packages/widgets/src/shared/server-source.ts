/**
 * Where a widget that calls the server's HTTP routes (`<samrad-access-log>`,
 * `<samrad-feedback>`) sends its requests: its own `server`, `case` and `token`, or those
 * of the enclosing `<samrad-meeting>`.
 */

/** What a widget needs to ask the server. */
export interface ServerSource {
  /** HTTP base URL, e.g. `https://samrad.example.no`. */
  base: string;
  caseId: string;
  token: () => string | Promise<string>;
}

/**
 * The HTTP base URL (`http(s)://host[:port][/path]`) of a Samråd server given as the
 * websocket URL `<samrad-meeting>` takes (`ws(s)://…`, with or without `/sync`) or as an
 * HTTP URL. Undefined when it is neither.
 */
export function httpBase(server: string): string | undefined {
  const trimmed = server.trim().replace(/\/+$/, '');
  const m = /^(wss?|https?):\/\/(.+)$/i.exec(trimmed);
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  const http = scheme === 'wss' || scheme === 'https' ? 'https' : 'http';
  return `${http}://${m[2]!.replace(/\/sync$/, '')}`;
}

type MeetingLike = HTMLElement & { server?: string; caseId?: string; token?: string; getToken?: () => string | Promise<string> };

/** The nearest `<samrad-meeting>` around `el`, crossing shadow roots. */
export function enclosingMeeting(el: Element): MeetingLike | null {
  let node: Element | null = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null);
  while (node) {
    const found = node.closest('samrad-meeting');
    if (found) return found as MeetingLike;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

/** The element's own server, case and token, each falling back to the enclosing `<samrad-meeting>`'s. */
export function serverSource(el: Element, own: { server?: string | undefined; caseId?: string | undefined; token?: string | undefined; getToken?: (() => string | Promise<string>) | undefined }): ServerSource | undefined {
  const meeting = own.server && own.caseId && (own.token || own.getToken) ? null : enclosingMeeting(el);
  const server = own.server ?? meeting?.server;
  const caseId = own.caseId ?? meeting?.caseId;
  const base = server ? httpBase(server) : undefined;
  const getToken = own.getToken ?? (own.token ? undefined : meeting?.getToken);
  const token = own.token ?? meeting?.token;
  if (!base || !caseId || (!getToken && !token)) return undefined;
  return { base, caseId, token: getToken ?? (() => token ?? '') };
}
