/**
 * Unsaved input kept on this device, so a reload or a closed tab does not lose it: per
 * user, case and field, in localStorage, removed when the input is saved or discarded, when
 * another user signs in on the device, and by `clearAllDrafts()` (called on sign-out). Only
 * input to the shared record is kept this way; widgets never keep a draft of a restricted
 * document's content.
 *
 * While any element holds unsaved input, leaving the page asks first (`beforeunload`).
 */
import type { MeetingModel } from '@samrad/model';

const PREFIX = 'samrad:draft:';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage blocked (privacy settings): drafts live in memory only
  }
}

/** The key of one draft, or undefined while the case is not loaded. */
export function draftKey(model: MeetingModel | undefined, ...parts: string[]): string | undefined {
  const caseId = model?.snapshot().case?.id;
  if (!model || !caseId) return undefined;
  return `${PREFIX}${encodeURIComponent(model.user.id)}:${caseId}:${parts.map(encodeURIComponent).join(':')}`;
}

export function loadDraft<T>(key: string | undefined): T | undefined {
  if (!key) return undefined;
  try {
    const raw = storage()?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(key: string | undefined, value: unknown): void {
  const s = storage();
  if (!key || !s) return;
  // One person's drafts only: anyone else's on this device go first.
  const user = key.slice(PREFIX.length).split(':')[0];
  for (const k of keys(s)) if (!k.startsWith(`${PREFIX}${user}:`)) s.removeItem(k);
  try {
    s.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full: the draft stays in memory only.
  }
}

export function clearDraft(key: string | undefined): void {
  if (key) storage()?.removeItem(key);
}

/** Removes every draft kept on this device (sign-out). */
export function clearAllDrafts(): void {
  const s = storage();
  if (s) for (const k of keys(s)) s.removeItem(k);
}

function keys(s: Storage): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k?.startsWith(PREFIX)) out.push(k);
  }
  return out;
}

const unsaved = new Set<object>();
const onBeforeUnload = (e: BeforeUnloadEvent) => {
  e.preventDefault();
  e.returnValue = '';
};

/** Marks `owner` as holding unsaved input (or not); leaving the page asks first while any does. */
export function setUnsaved(owner: object, dirty: boolean): void {
  const before = unsaved.size;
  if (dirty) unsaved.add(owner);
  else unsaved.delete(owner);
  if (before === 0 && unsaved.size > 0) globalThis.addEventListener?.('beforeunload', onBeforeUnload);
  if (before > 0 && unsaved.size === 0) globalThis.removeEventListener?.('beforeunload', onBeforeUnload);
}

/** Whether any element holds unsaved input now. */
export function hasUnsaved(): boolean {
  return unsaved.size > 0;
}
