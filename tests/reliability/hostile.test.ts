/**
 * Hostile input against the real server process: random bytes, truncated varints, huge
 * declared lengths, unknown message types, text frames, mutated Yjs updates, oversized
 * frames, awareness floods and update storms — property-based (fast-check, seeded) and by
 * hand. After each input the server must still run and answer, the offending connection
 * must have been closed with a reason (or its input was harmless), and editors on the
 * same and on another document must keep editing. In the end the server's memory must be
 * back near where it started.
 */
import fc from 'fast-check';
import { EXAMPLE_USERS, MeetingModel, seedExampleCase } from '@samrad/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signToken } from '../../server/src/index.js';
import { Editor } from './support/editors.js';
import { awarenessFrame, frame, probe, rawClient, syncStep1, syncUpdate } from './support/frames.js';
import { rssOf, SECRET, seedFor, ServerProcess, sleep, Tally, tempDir, waitFor } from './support/harness.js';
import { author, commentEntity } from '../../server/test/helpers.js';
import { encoding } from '../../server/test/reliability-deps.js';

const tally = new Tally('hostile inputs tried', 'survived');
const seed = seedFor('hostile');
const TARGET = 'hostile-target';
const CALM = 'hostile-calm';
/** Close codes a hostile connection may get; anything else (1011, 1006 …) is a finding. */
const EXPECTED_CODES = new Set([4400, 4413, 4422, 4429, 1009]);

let server: ServerProcess;
let cleanup: () => void;
let baselineRss = 0;
const editors: Editor[] = [];
let hostileCount = 0;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  server = new ServerProcess(['--db', `sqlite:${t.dir}/samrad.db`]);
  await server.start();
  for (const caseId of [TARGET, TARGET, CALM, CALM]) editors.push(await Editor.open({ url: server.url, caseId, sub: `${caseId}-${editors.length}` }));
  await waitFor(() => editors.every((e) => e.connected), 'editors connected');
  await stillServing();
  await sleep(500);
  baselineRss = rssOf(server.pid);
}, 60_000);

afterAll(async () => {
  for (const e of editors) e.destroy();
  await server?.stop();
  cleanup?.();
  console.log(tally.line());
});

/** A token for a new hostile user (the per-user connection limit is not what is tested here). */
async function hostileToken(role: 'leader' | 'parent' | 'observer' = 'leader', caseId = TARGET, sub = `hostile-${++hostileCount}`): Promise<string> {
  return signToken(SECRET, { sub, name: 'Hostile', role, case: caseId });
}

/** The server runs, answers HTTP, and an edit on each document still reaches the other editor there. */
async function stillServing(): Promise<void> {
  expect(server.unexpectedExit, `server exited: ${server.stderr.slice(-1000)}`).toBeNull();
  expect((await server.health()).ok).toBe(true);
  for (let i = 0; i < editors.length; i += 2) {
    const [a, b] = [editors[i]!, editors[i + 1]!];
    await waitFor(() => a.connected && b.connected, 'editors still connected', 10_000);
    const key = a.edit();
    await waitFor(() => b.keys().has(key), `an edit on ${a.options.caseId} relayed`, 10_000);
  }
}

/** Sends one hostile input and checks the outcome. */
async function attack(frames: Array<Uint8Array | string>, role: 'leader' | 'parent' | 'observer' = 'leader', quietMs = 150, token?: string): Promise<{ code: number; reason: string } | null> {
  const { closed } = await probe(server.url, `case/${TARGET}`, token ?? await hostileToken(role), frames, quietMs);
  const ok = server.unexpectedExit === null && (closed === null || EXPECTED_CODES.has(closed.code));
  tally.record(ok);
  if (!ok) throw new Error(`hostile input ended badly: close ${JSON.stringify(closed)}; server exit ${JSON.stringify(server.unexpectedExit)} ${server.stderr.slice(-500)}`);
  return closed;
}

/** Real updates to mutate: a whole example case, and a few small edits. */
function realUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const model = new MeetingModel(doc, { ...EXAMPLE_USERS.leader });
  seedExampleCase(model, new Date('2026-11-20T09:00:00Z'));
  const small = new Y.Doc();
  small.getMap('comments').set('x', commentEntity('x', 'hello', author('leader', { sub: 'hostile', name: 'Hostile' })));
  const text = new Y.Doc();
  text.getText('notes').insert(0, 'some text');
  text.getText('notes').delete(2, 3);
  return [Y.encodeStateAsUpdate(doc), Y.encodeStateAsUpdate(small), Y.encodeStateAsUpdate(text), Y.encodeStateAsUpdateV2(small)];
}
const POOL = realUpdates();

const fcOptions = (numRuns: number) => ({ seed, numRuns, endOnFailure: true });

describe('hostile input (property-based)', () => {
  it('random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 400 }), async (bytes) => { await attack([bytes]); }), fcOptions(40));
    await stillServing();
  });

  it('frames with a plausible header and a random body', async () => {
    const header = fc.tuple(fc.constantFrom(0, 1, 2, 3, 4, 9, 127, 128, 300, 2 ** 31), fc.constantFrom(0, 1, 2, 3, 7));
    await fc.assert(fc.asyncProperty(header, fc.uint8Array({ maxLength: 200 }), fc.boolean(), async ([type, sub], body, declareHuge) => {
      const f = frame((e) => {
        encoding.writeVarUint(e, type);
        if (type === 0) encoding.writeVarUint(e, sub);
        encoding.writeVarUint(e, declareHuge ? 2 ** 32 - 1 : body.byteLength); // a length that may lie
        encoding.writeUint8Array(e, body);
      });
      await attack([f]);
    }), fcOptions(40));
    await stillServing();
  });

  it('mutated and truncated real Yjs updates, as sync updates and sync step 2', async () => {
    const mutation = fc.record({
      base: fc.nat(POOL.length - 1),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
      cut: fc.option(fc.nat()),
      step2: fc.boolean(),
      role: fc.constantFrom('leader' as const, 'parent' as const),
    });
    await fc.assert(fc.asyncProperty(mutation, async ({ base, flips, cut, step2, role }) => {
      const u = POOL[base]!.slice();
      for (const [pos, byte] of flips) u[pos % u.length] = byte;
      const update = cut === null ? u : u.subarray(0, cut % u.length);
      await attack([syncStep1(), syncUpdate(update, step2)], role);
    }), fcOptions(60));
    await stillServing();
  });

  it('awareness with random ids, clocks and JSON', async () => {
    const entry = fc.record({ clientId: fc.nat(), clock: fc.nat(), json: fc.oneof(fc.json(), fc.string({ maxLength: 30 })) });
    await fc.assert(fc.asyncProperty(fc.array(entry, { maxLength: 5 }), async (entries) => { await attack([awarenessFrame(entries)]); }), fcOptions(30));
    await stillServing();
  });

  it('text frames', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 100 }), async (text) => {
      expect(await attack([text])).toEqual({ code: 4400, reason: 'text-frame' });
    }), fcOptions(10));
  });
});

describe('hostile input (by hand)', () => {
  it('truncated varints and lengths that run past the end → 4400', async () => {
    expect(await attack([new Uint8Array([0x80])])).toEqual({ code: 4400, reason: 'malformed-message' });
    expect(await attack([new Uint8Array([0, 0x80])])).toEqual({ code: 4400, reason: 'malformed-message' });
    expect(await attack([new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3])])).toEqual({ code: 4400, reason: 'malformed-message' });
    expect(await attack([new Uint8Array([1, 0xff, 0xff, 0xff, 0xff, 0x07])])).toEqual({ code: 4400, reason: 'malformed-message' });
  });

  it('an update declaring billions of structs, and a state vector declaring billions of clients → 4400', async () => {
    const manyStructs = frame((e) => { encoding.writeVarUint(e, 0xffffffff); encoding.writeVarUint(e, 1); });
    expect((await attack([syncUpdate(manyStructs)]))?.code).toBe(4400);
    const manyClients = frame((e) => { encoding.writeVarUint(e, 0xffffffff); encoding.writeVarUint(e, 1); encoding.writeVarUint(e, 1); });
    expect((await attack([syncStep1(manyClients)]))?.code).toBe(4400);
  });

  it('unknown message types, and the auth message a client never sends → 4400 unknown-message-type', async () => {
    for (const type of [2, 4, 99, 2 ** 20]) expect(await attack([frame((e) => encoding.writeVarUint(e, type))])).toEqual({ code: 4400, reason: 'unknown-message-type' });
  });

  it('an awareness update claiming thousands of client ids → refused, and their presence is gone', async () => {
    const entries = Array.from({ length: 5000 }, (_, i) => ({ clientId: 1_000_000 + i, clock: 1, json: '{"user":{"name":"x"}}' }));
    const closed = await attack([awarenessFrame(entries)], 'leader', 500);
    expect(closed?.code).toBe(4400);
    const watcher = editors[0]!;
    await waitFor(() => ![...watcher.provider.awareness.getStates().keys()].some((id) => id >= 1_000_000 && id < 1_005_000), 'no forged presence left', 5000);
  });

  it('deeply nested awareness JSON → the connection closes, the server lives', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const closed = await attack([awarenessFrame([{ clientId: 77, clock: 1, json: deep }])], 'leader', 1000);
    // Far over the size a presence state may have, so it is refused before anything else.
    expect(closed).toEqual({ code: 4413, reason: 'awareness-too-large' });
    await stillServing();
  });

  it('oversized frames → 4413 (over the limit) and 1009 (over twice the limit, cut off by ws)', async () => {
    expect(await attack([syncUpdate(new Uint8Array(5 * 1024 * 1024))], 'leader', 3000)).toEqual({ code: 4413, reason: 'message-too-large' });
    expect((await attack([new Uint8Array(9 * 1024 * 1024)], 'leader', 3000))?.code).toBe(1009);
    await stillServing();
  });

  it('a flood of awareness updates → 4429 rate-limited', async () => {
    const floods = Array.from({ length: 1000 }, (_, i) => awarenessFrame([{ clientId: 4242, clock: i + 1, json: `{"cursor":${i}}` }]));
    expect(await attack(floods, 'leader', 3000)).toEqual({ code: 4429, reason: 'rate-limited' });
  });

  it('an update storm → 4429 rate-limited; what was accepted before the limit is stored and relayed', async () => {
    // Every update of the storm is a valid comment in the sender's name: only the rate stops it.
    const stormer = author('leader', { sub: 'hostile-storm', name: 'Hostile' });
    const replica = new Y.Doc();
    const storm: Uint8Array[] = [syncStep1()];
    for (let i = 0; i < 600; i++) {
      const before = Y.encodeStateVector(replica);
      replica.getMap('comments').set(`storm-${i}`, commentEntity(`storm-${i}`, `s${i}`, stormer));
      storm.push(syncUpdate(Y.encodeStateAsUpdate(replica, before)));
    }
    expect(await attack(storm, 'leader', 5000, await hostileToken('leader', TARGET, stormer.sub))).toEqual({ code: 4429, reason: 'rate-limited' });
    await waitFor(() => editors[0]!.keys().has('storm-0'), 'a storm update accepted before the limit relayed', 10_000);
    await stillServing();
  });

  it('a slow reader that never reads what it is sent does not stall the others', async () => {
    const c = rawClient(server.url, `case/${TARGET}`, await hostileToken());
    await c.opened;
    c.send(syncStep1());
    // Stop reading: the kernel buffers fill, and the server has to hold what it relays.
    (c.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const [a, b] = [editors[0]!, editors[1]!];
    const big = 'x'.repeat(4000);
    for (let i = 0; i < 200; i++) a.comment(`bulk-${i}`, big);
    await waitFor(() => b.keys().has('bulk-199'), 'bulk edits relayed to the reading editor', 20_000);
    await stillServing();
    tally.record(server.unexpectedExit === null);
    c.ws.terminate();
  });

  it('leaves memory near where it started', async () => {
    await stillServing();
    await sleep(1500);
    const rss = rssOf(server.pid);
    console.log(`reliability: hostile server RSS baseline ${(baselineRss / 2 ** 20).toFixed(0)} MiB, after ${(rss / 2 ** 20).toFixed(0)} MiB`);
    // Generous: V8 keeps some heap it grew into; a leak of what the attacks sent would be far more.
    expect(rss).toBeLessThan(baselineRss + 150 * 2 ** 20);
  });
});
