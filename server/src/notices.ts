/**
 * Notices through the host's own channels. Samråd sends no e-mail or SMS itself: it works
 * out from the stored cases which notices are due (`dueNotices` in @samrad/model), claims
 * each once in the `notices` table (a unique key per case: with several instances on one
 * PostgreSQL database, exactly one stores it), and posts it, signed, to the host's webhook,
 * which delivers it by e-mail, SMS, Digipost or the portal's inbox.
 *
 * Delivery: an instance leases due notices (a lease with an expiry, so a crashed instance's
 * notices are taken over), posts each one, and records the outcome; a failure (an answer
 * other than 2xx, a timeout, no connection) is retried with exponential backoff, the state
 * in the table, so a restart resumes where it left off. A notice whose recipient has no
 * channel is stored as undeliverable and never posted; the leader sees it at
 * `GET /notices/<case>`. Each delivery and each undeliverable notice has an audit line
 * (kind and notice id; never content).
 *
 * The webhook contract (docs/server.md): `POST <notifyUrl>` with a JSON body, headers
 * `samrad-notice-id`, `samrad-timestamp` (Unix seconds) and `samrad-signature: v1=<hex>`,
 * the HMAC-SHA256 with the notify secret over `<timestamp>.<body>`.
 */
import { createHash, createHmac } from 'node:crypto';
import {
  DEFAULT_NOTICE_LEAD_DAYS, dueNotices, parseDocName, readSnapshot, sharedDocName, type DueNotice, type NoticeKind, type SentNotice,
} from '@samrad/model';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { NewNotice, Store, StoredNotice } from './store/index.js';

export interface NoticeOptions {
  /** The host's webhook. */
  notifyUrl: string;
  /** Key of the HMAC-SHA256 signature. */
  notifySecret: string;
  /** Base of the link into the host's portal; `?case=…&meeting=…` is added. */
  linkBase?: string | undefined;
  /** Days before a deadline, evaluation date or consent's end that a reminder is due. Default 3. */
  leadDays?: number | undefined;
  /** Events older than this many days are not told (default 14): a first start on an old database sends no flood. */
  windowDays?: number | undefined;
  /** How often every stored case is checked (deadlines come due without anyone editing). Default 10 min. */
  scanIntervalMs?: number | undefined;
  /** How often due deliveries are looked for. Default 2 s. */
  deliverIntervalMs?: number | undefined;
  /** Longest wait for the host's answer. Default 10 s. */
  timeoutMs?: number | undefined;
  /** How long a leased notice is this instance's alone (longer than `timeoutMs`). Default 60 s. */
  leaseMs?: number | undefined;
  /** First retry after this long, doubling up to `maxBackoffMs`. Default 5 s and 1 h. */
  backoffMs?: number | undefined;
  maxBackoffMs?: number | undefined;
  /** Wait after a change before checking the case, so a burst of edits is checked once. Default 1 s. */
  debounceMs?: number | undefined;
}

export const NOTICE_SIGNATURE_HEADER = 'samrad-signature';
export const NOTICE_TIMESTAMP_HEADER = 'samrad-timestamp';

/** `v1=<hex>`: HMAC-SHA256 with `secret` over `<timestamp>.<body>`. */
export function signNotice(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The id sent to the host: the same on every instance, telling nothing of the case. */
export function noticeId(caseId: string, key: string): string {
  return `ntc_${createHash('sha256').update(`${caseId}\u0000${key}`).digest('hex').slice(0, 32)}`;
}

/** The body posted to the host: the least it can carry. */
export function noticeBody(n: DueNotice, id: string, createdAt: number): string {
  return JSON.stringify({
    id, kind: n.kind, createdAt: new Date(createdAt).toISOString(),
    caseId: n.caseId, meetingId: n.meetingId ?? null, date: n.date,
    recipient: n.recipient, locale: n.recipient.locale,
    subject: n.subject, text: n.text, link: n.link ?? null,
    ...(n.ics ? { ics: n.ics } : {}),
  });
}

export class NoticeService {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly debounce = new Map<string, NodeJS.Timeout>();
  private readonly checking = new Map<string, Promise<void>>();
  private delivering: Promise<void> | null = null;
  private closed = false;
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly options: NoticeOptions,
    private readonly store: Store,
    private readonly log: Logger,
    private readonly instance: string,
    /** The case's shared document when this instance has it loaded. */
    private readonly loaded: (caseId: string) => Y.Doc | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    this.timers.push(setInterval(() => void this.scan(), this.options.scanIntervalMs ?? 600_000));
    this.timers.push(setInterval(() => void this.deliver(), this.options.deliverIntervalMs ?? 2000));
    void this.scan();
  }

  /** Checks the case whenever its loaded shared document changes (and once now). */
  watch(caseId: string, doc: Y.Doc): void {
    const changed = () => {
      if (this.closed) return;
      const pending = this.debounce.get(caseId);
      if (pending) clearTimeout(pending);
      this.debounce.set(caseId, setTimeout(() => {
        this.debounce.delete(caseId);
        void this.check(caseId);
      }, this.options.debounceMs ?? 1000));
    };
    doc.on('update', changed);
    changed();
  }

  /** Checks every stored case. */
  async scan(): Promise<void> {
    if (this.closed) return;
    try {
      const names = await this.store.documents();
      for (const name of names) {
        const parsed = parseDocName(name);
        if (this.closed) return;
        if (parsed && name === sharedDocName(parsed.caseId)) await this.check(parsed.caseId);
      }
    } catch (error) {
      this.log.warn({ err: (error as Error).message }, 'notice scan failed');
    }
  }

  /** Works out the case's due notices and claims those not stored yet; one check per case at a time. */
  check(caseId: string): Promise<void> {
    const running = this.checking.get(caseId);
    if (running) return running.then(() => this.check(caseId));
    const promise = this.checkCase(caseId).catch((error: Error) => this.log.warn({ case: caseId, err: error.message }, 'notice check failed'))
      .finally(() => { if (this.checking.get(caseId) === promise) this.checking.delete(caseId); });
    this.checking.set(caseId, promise);
    return promise;
  }

  private async checkCase(caseId: string): Promise<void> {
    if (this.closed) return;
    let doc = this.loaded(caseId);
    let temporary: Y.Doc | undefined;
    if (!doc) {
      temporary = doc = new Y.Doc();
      for (const u of await this.store.load(sharedDocName(caseId))) {
        try { Y.applyUpdate(temporary, u); } catch { /* a broken row is skipped, as when loading */ }
      }
    }
    const now = this.now();
    let due: DueNotice[];
    try {
      const stored = await this.store.listNotices(caseId);
      const sent: SentNotice[] = stored.map((s) => ({ kind: s.kind as NoticeKind, entityId: s.entityId, recipientId: s.recipientId, date: s.date }));
      const have = new Set(stored.map((s) => s.key));
      due = dueNotices(readSnapshot(doc), {
        caseId, now, sent,
        leadDays: this.options.leadDays ?? DEFAULT_NOTICE_LEAD_DAYS,
        ...(this.options.windowDays !== undefined ? { windowDays: this.options.windowDays } : {}),
        ...(this.options.linkBase ? { linkBase: this.options.linkBase } : {}),
      }).filter((n) => !have.has(n.key));
    } finally {
      temporary?.destroy();
    }
    if (due.length === 0) return;
    const createdAt = now.getTime();
    const rows: NewNotice[] = due.map((n) => {
      const id = noticeId(caseId, n.key);
      return {
        key: n.key, id, caseId, kind: n.kind, entityId: n.entityId, recipientId: n.recipient.participantId, date: n.date,
        body: noticeBody(n, id, createdAt), status: n.recipient.channels.length === 0 ? 'undeliverable' : 'pending', createdAt,
      };
    });
    const inserted = new Set(await this.store.claimNotices(rows));
    for (const r of rows) {
      if (!inserted.has(r.id)) continue;
      if (r.status === 'undeliverable') {
        this.log.warn({ case: caseId, notice: r.id, kind: r.kind }, 'notice undeliverable: the recipient has no channel');
        await this.store.audit({ event: 'notice-undeliverable', doc: sharedDocName(caseId), detail: `${r.kind}:${r.id}` });
      }
    }
    if (inserted.size > 0) void this.deliver();
  }

  /** Posts every due notice this instance can lease; one round at a time. */
  deliver(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.delivering ??= this.deliverRound().catch((error: Error) => this.log.warn({ err: error.message }, 'notice delivery round failed'))
      .finally(() => { this.delivering = null; });
    return this.delivering;
  }

  private async deliverRound(): Promise<void> {
    const leaseMs = this.options.leaseMs ?? 60_000;
    for (;;) {
      if (this.closed) return;
      const batch = await this.store.leaseNotices(this.instance, Date.now(), leaseMs, 20);
      if (batch.length === 0) return;
      await Promise.all(batch.map((n) => this.post(n)));
    }
  }

  private async post(n: StoredNotice): Promise<void> {
    const timestamp = Math.floor(Date.now() / 1000);
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 10_000);
    let error: string | null = null;
    try {
      const res = await fetch(this.options.notifyUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'samrad-notice-id': n.id,
          [NOTICE_TIMESTAMP_HEADER]: String(timestamp),
          [NOTICE_SIGNATURE_HEADER]: signNotice(this.options.notifySecret, timestamp, n.body),
        },
        body: n.body,
        signal: controller.signal,
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status > 299) error = `http-${res.status}`;
    } catch (e) {
      error = controller.signal.aborted ? 'timeout' : `network: ${(e as Error).message}`.slice(0, 120);
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
    if (error === null) {
      if (await this.store.finishNotice(n.id, this.instance, { delivered: true, at: Date.now() })) {
        await this.store.audit({ event: 'notice-sent', doc: sharedDocName(n.caseId), detail: `${n.kind}:${n.id}` });
        this.log.info({ case: n.caseId, notice: n.id, kind: n.kind }, 'notice delivered');
      }
      return;
    }
    const delay = Math.min(this.options.maxBackoffMs ?? 3_600_000, (this.options.backoffMs ?? 5000) * 2 ** Math.min(n.attempts, 20));
    this.log.warn({ case: n.caseId, notice: n.id, attempt: n.attempts + 1, err: error, retryInMs: delay }, 'notice not delivered; will retry');
    await this.store.finishNotice(n.id, this.instance, { delivered: false, error, retryAt: Date.now() + delay });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    for (const t of this.debounce.values()) clearTimeout(t);
    this.debounce.clear();
    // A post cut short here is retried by whichever instance leases it next (after the lease runs out).
    for (const c of this.inFlight) c.abort();
    await Promise.allSettled([...this.checking.values(), ...(this.delivering ? [this.delivering] : [])]);
  }
}
