export interface NoticeCheck { ok: boolean; reason?: 'no-timestamp' | 'stale' | 'bad-signature' }
export function verifyNotice(secret: string, headers: Record<string, string | string[] | undefined>, body: string, options?: { now?: number; toleranceSeconds?: number }): NoticeCheck;
export function describeNotice(notice: Record<string, unknown>): string;
export function startNotifyReceiver(options: {
  secret: string; port?: number; host?: string; toleranceSeconds?: number;
  onNotice?: (notice: Record<string, unknown>) => void; onRefused?: (reason: string) => void;
}): Promise<{ url: string; port: number; close: () => Promise<void> }>;
