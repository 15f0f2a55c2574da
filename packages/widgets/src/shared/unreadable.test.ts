import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
// Tests write broken data the way an old version or a hand-made script would: with plain Yjs.
// eslint-disable-next-line no-restricted-imports
import * as Y from 'yjs';
import { cleanup, expectNoAxeViolations, fixtureIn, seededModel, settle, textOf } from './test-helpers.js';
import '../samrad-actions/define.js';
import '../samrad-consent/define.js';

describe('unreadable entries', () => {
  afterEach(cleanup);

  it('shows a visible notice for an entry that fails its schema, and keeps the entry', async () => {
    const model = seededModel('leader');
    const el = await fixtureIn(html`<samrad-actions .model=${model}></samrad-actions>`, 'nb');
    const before = model.snapshot().actions.length;
    expect(el.shadowRoot!.querySelector('[data-samrad-unreadable]')).to.equal(null);

    const broken = new Y.Map<unknown>();
    // eslint-disable-next-line no-restricted-syntax
    model.doc.transact(() => {
      // eslint-disable-next-line no-restricted-syntax
      model.doc.getMap('actions').set('old-format-1', broken);
      broken.set('id', 'old-format-1');
      broken.set('title', 'Tiltak fra gammel versjon');
      broken.set('deadline', '01.12.2026'); // old layout: no owner, no schedule
    });
    await settle(el);
    const notice = el.shadowRoot!.querySelector('[data-samrad-unreadable]')!;
    expect(textOf(notice)).to.contain('En oppføring kan ikke leses');
    expect(textOf(notice)).to.contain('old-format-1');
    expect(model.snapshot().actions.length).to.equal(before);
    // Still in the document: nothing was dropped.
    // eslint-disable-next-line no-restricted-syntax
    expect(model.doc.getMap('actions').has('old-format-1')).to.equal(true);
    await expectNoAxeViolations(el);

    // Another widget does not show it: the entry is not in its parts.
    const consent = await fixtureIn(html`<samrad-consent .model=${model}></samrad-consent>`, 'en');
    expect(textOf(consent.shadowRoot!.querySelector('[data-samrad-unreadable]') ?? consent)).not.to.contain('old-format-1');

    // eslint-disable-next-line no-restricted-syntax
    model.doc.transact(() => broken.set('owner', { kind: 'parent' }));
    // eslint-disable-next-line no-restricted-syntax
    model.doc.transact(() => { broken.set('schedule', { kind: 'ongoing' }); broken.set('evaluationDate', '2026-12-24'); for (const k of ['createdAt', 'updatedAt']) broken.set(k, '2026-11-20T09:00:00.000Z'); for (const k of ['createdBy', 'updatedBy']) broken.set(k, 'fix'); broken.delete('deadline'); });
    await settle(el);
    expect(textOf(el.shadowRoot!.querySelector('[data-samrad-unreadable]')!)).to.equal('');
    expect(model.snapshot().actions.length).to.equal(before + 1);
  });
});
