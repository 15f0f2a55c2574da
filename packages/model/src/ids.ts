/**
 * Ids derived from what an entity is about, so that two people (or one person on two
 * devices) creating "the same" entity at once write to the same key and Yjs keeps one.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** SHA-256 of the UTF-8 bytes of `text`, as hex. Synchronous, so ids can be made inside a command. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * The key of one person's feedback answer for one meeting: `fb-` and the first 32 hex
 * digits (128 bits) of SHA-256 over `meetingId`, a NUL and `userId` (the token subject).
 * Two answers by the same person for the same meeting, even made at once on two devices,
 * land on this one key, so the document holds one answer per person and meeting. The
 * token subject is hashed, not stored in the key, because it may hold any characters and
 * be of any length; the key always matches the id pattern (35 characters).
 */
export function feedbackId(meetingId: string, userId: string): string {
  return `fb-${sha256Hex(`${meetingId}\u0000${userId}`).slice(0, 32)}`;
}
