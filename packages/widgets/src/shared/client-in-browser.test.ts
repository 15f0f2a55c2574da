/**
 * @samrad/client in Chromium: the IndexedDB offline cache keeps edits made without a
 * server across a reload, and sends them once the server is reachable.
 */
import { expect } from '@esm-bundle/chai';
import { clearOfflineData, connectCase, offlineCacheName } from '@samrad/client';
import { MeetingModel } from '@samrad/model';
import { html } from 'lit';
import '../define.js';
import type { SamradMeeting } from '../samrad-meeting/samrad-meeting.js';
import { fixtureIn, getTestServer, signTestToken, uniqueCaseId, userFor, waitUntil } from './test-helpers.js';

describe('@samrad/client in the browser', () => {
  it('keeps offline edits in IndexedDB across a reload and syncs them later', async () => {
    const caseId = uniqueCaseId('idb');
    const token = await signTestToken(userFor('leader'), caseId);
    // 1. No server: edit offline, then "close the tab".
    const offline = connectCase({ server: 'ws://127.0.0.1:9', caseId, token, offline: 'indexeddb' });
    await waitUntil(() => offline.status.get().state === 'offline', 'offline');
    const m1 = new MeetingModel(offline.doc, userFor('leader'));
    m1.case.setup({ child: { name: 'Hurtigbuffer', pseudonym: true }, levelModelId: 'bti' });
    m1.participants.add({ name: 'Lagret lokalt', role: 'professional' });
    expect(offline.status.get().unsynced).to.equal(2);
    await offline.cacheReady;
    await offline.destroy();

    // 2. "Reload" with the server up: the cached edits load, then reach the server.
    const { url } = await getTestServer();
    const online = connectCase({ server: url, caseId, token, offline: 'indexeddb' });
    const m2 = new MeetingModel(online.doc, userFor('leader'));
    await waitUntil(() => m2.snapshot().participants.some((p) => p.name === 'Lagret lokalt'), 'the cached edit', 8000);
    expect((await online.ready).state).to.equal('live');

    // 3. Another client (no cache) sees them through the server.
    const other = connectCase({ server: url, caseId, token: await signTestToken(userFor('coordinator'), caseId), offline: false });
    const m3 = new MeetingModel(other.doc, userFor('coordinator'));
    await waitUntil(() => m3.snapshot().case?.child.name === 'Hurtigbuffer', 'the edits on the server');
    await other.destroy();
    await online.destroy({ clearCache: true });
  });

  it('deletes the local copy when access to the case ends (consent withdrawn)', async () => {
    const { url } = await getTestServer();
    const caseId = uniqueCaseId('idb-gate');
    const leader = connectCase({ server: url, caseId, token: await signTestToken(userFor('leader'), caseId), offline: false });
    await leader.ready;
    const lm = new MeetingModel(leader.doc, userFor('leader'));
    lm.case.setup({ child: { name: 'Skal ikke bli liggende', pseudonym: true }, levelModelId: 'bti' });
    const consentId = lm.consents.record({
      givenBy: [{ name: 'Forelder', relation: 'guardian' }], services: ['skole'], scope: 'Skole.', purpose: 'Samarbeid.', validFrom: '2026-01-01',
    });
    const teacher = connectCase({ server: url, caseId, token: await signTestToken(userFor('professional'), caseId), offline: 'indexeddb' });
    expect((await teacher.ready).state).to.equal('live');
    await new Promise((r) => setTimeout(r, 100)); // let y-indexeddb write
    const dbName = offlineCacheName(userFor('professional').id, `case/${caseId}`);
    expect((await indexedDB.databases()).map((d) => d.name)).to.include(dbName);

    lm.consents.withdraw(consentId);
    await waitUntil(() => teacher.status.get().state === 'refused', 'refused');
    expect(teacher.status.get().detail).to.equal('consent-missing');
    await waitUntil(async () => !(await indexedDB.databases()).some((d) => d.name === dbName), 'the local copy deleted');
    await teacher.destroy();
    await leader.destroy();
  });

  it('keeps a copy per user and case, not the restricted document unless asked, and deletes it when someone else signs in', async () => {
    const { url } = await getTestServer();
    const caseId = uniqueCaseId('idb-user');
    const names = async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.includes(caseId));
    const leaderUser = userFor('leader');
    const leader = connectCase({ server: url, caseId, token: await signTestToken(leaderUser, caseId), restricted: true });
    expect((await leader.ready).state).to.equal('live');
    await new Promise((r) => setTimeout(r, 100)); // let y-indexeddb write
    // The shared document only, under the user's own name.
    expect(await names()).to.deep.equal([offlineCacheName(leaderUser.id, `case/${caseId}`)]);
    await leader.destroy();

    // With the opt-in, the restricted document too.
    const optIn = connectCase({ server: url, caseId, token: await signTestToken(leaderUser, caseId), restricted: true, offlineRestricted: true });
    expect((await optIn.ready).state).to.equal('live');
    await new Promise((r) => setTimeout(r, 100));
    expect((await names()).sort()).to.deep.equal([offlineCacheName(leaderUser.id, `case/${caseId}`), offlineCacheName(leaderUser.id, `case/${caseId}/restricted`)].sort());
    await optIn.destroy();

    // The next person on this computer: the previous person's copies are deleted.
    const coordinator = { id: 'another.person', name: 'Another Person', role: 'coordinator' as const };
    const next = connectCase({ server: url, caseId, token: await signTestToken(coordinator, caseId) });
    expect((await next.ready).state).to.equal('live');
    await waitUntil(async () => JSON.stringify(await names()) === JSON.stringify([offlineCacheName(coordinator.id, `case/${caseId}`)]), 'only the new user’s copy left');

    // Signing out deletes everything, while the connection stays up.
    await clearOfflineData();
    expect(await names()).to.deep.equal([]);
    expect((await indexedDB.databases()).filter((d) => d.name?.startsWith('samrad:'))).to.deep.equal([]);
    expect(next.status.get().state).to.equal('live');
    await next.destroy();
  });

  it('deletes the local copy when the server refuses the token (4401)', async () => {
    const { url } = await getTestServer();
    const caseId = uniqueCaseId('idb-401');
    const user = userFor('leader');
    const first = connectCase({ server: url, caseId, token: await signTestToken(user, caseId) });
    expect((await first.ready).state).to.equal('live');
    await new Promise((r) => setTimeout(r, 100)); // let y-indexeddb write
    await first.destroy();
    expect((await indexedDB.databases()).map((d) => d.name)).to.include(offlineCacheName(user.id, `case/${caseId}`));
    // Later, with a token the server no longer accepts.
    const conn = connectCase({ server: url, caseId, token: await signTestToken(user, caseId, -60) });
    await waitUntil(() => conn.status.get().state === 'refused', 'refused');
    expect(conn.status.get().code).to.equal(4401);
    await waitUntil(async () => !(await indexedDB.databases()).some((d) => d.name === offlineCacheName(user.id, `case/${caseId}`)), 'the local copy deleted');
    await conn.destroy();
  });

  it('<samrad-meeting> signOut() closes the case and deletes every offline copy on the device', async () => {
    const { url } = await getTestServer();
    const caseId = uniqueCaseId('idb-signout');
    const user = userFor('leader');
    const el = await fixtureIn<SamradMeeting>(html`<samrad-meeting server=${url} case=${caseId} token=${await signTestToken(user, caseId)}></samrad-meeting>`, 'en');
    await waitUntil(() => el.connection.state === 'live', 'live');
    el.model!.case.setup({ child: { name: 'Skal slettes', pseudonym: true }, levelModelId: 'bti' });
    await waitUntil(async () => (await indexedDB.databases()).some((d) => d.name === offlineCacheName(user.id, `case/${caseId}`)), 'the offline copy');
    let signedOut = 0;
    el.addEventListener('samrad-signed-out', () => signedOut++);
    await el.signOut();
    expect(signedOut).to.equal(1);
    expect(el.model).to.equal(undefined);
    expect(el.connection.state).to.equal('local');
    expect((await indexedDB.databases()).filter((d) => d.name?.startsWith('samrad:'))).to.deep.equal([]);
    await waitUntil(() => el.lastAnnouncement === 'Signed out. No copy of the case is left in this browser.', 'the announcement');
  });
});
