import { expect } from '@esm-bundle/chai';
import { html, LitElement } from 'lit';
import { LocalizeController, normaliseLang } from './localize.js';
import { SamradElement } from './samrad-element.js';
import { defineElement } from './define.js';
import { defaultMeetingId } from './meetings.js';
import { fixtureIn, linkedModels, seeded, settle, textOf } from './test-helpers.js';

const catalogues = {
  nb: { hello: 'Hei', items: (n: number) => `${n} ting` },
  nn: { hello: 'Hei på deg', items: (n: number) => `${n} ting` },
  en: { hello: 'Hello', items: (n: number) => `${n} things` },
  uk: { hello: 'Привіт', items: (n: number) => `${n} речей` },
};

class LangProbe extends LitElement {
  readonly text = new LocalizeController(this, catalogues);
  override render() {
    return html`<span>${this.text.t('hello')} · ${this.text.t('items', 3)} · ${this.text.plural(2, { one: '# møte', other: '# møter' })}</span>`;
  }
}
defineElement('test-lang-probe', LangProbe);

class ModelProbe extends SamradElement {
  static override parts = ['actions'] as const;
  renders = 0;
  remote: string[] = [];
  protected override remoteChanged(): void {
    this.remote.push('actions');
    this.announce('remote change');
  }
  override render() {
    this.renders++;
    return html`<p>${this.snapshot?.actions.length ?? 'none'} · ${this.currentMeeting?.title ?? '-'}</p>`;
  }
}
defineElement('test-model-probe', ModelProbe);

describe('shared: localisation controller', () => {
  it('maps language tags to the shipped locales', () => {
    expect(normaliseLang('nb-NO')).to.equal('nb');
    expect(normaliseLang('no')).to.equal('nb');
    expect(normaliseLang('nn-NO')).to.equal('nn');
    expect(normaliseLang('en-US')).to.equal('en');
    expect(normaliseLang('uk')).to.equal('uk');
    expect(normaliseLang('de')).to.equal('en');
    expect(normaliseLang('')).to.equal(undefined);
  });

  it('resolves the nearest lang per element, through shadow roots, and re-renders when it changes', async () => {
    const el = await fixtureIn<LangProbe>(html`<test-lang-probe></test-lang-probe>`, 'nn');
    expect(textOf(el)).to.contain('Hei på deg');
    el.parentElement!.setAttribute('lang', 'en');
    await settle(el);
    expect(textOf(el)).to.contain('Hello · 3 things · 2 møter');
    expect(el.text.lang).to.equal('en');
    el.setAttribute('lang', 'nb');
    await settle(el);
    expect(textOf(el)).to.contain('Hei · 3 ting · 2 møter');

    // Inside another element's shadow root, the lang of that root's host applies.
    const outer = document.createElement('div');
    outer.setAttribute('lang', 'nn');
    const shadow = outer.attachShadow({ mode: 'open' });
    const inner = document.createElement('test-lang-probe') as LangProbe;
    shadow.appendChild(inner);
    document.body.appendChild(outer);
    await settle(inner);
    expect(inner.text.lang).to.equal('nn');
    outer.setAttribute('lang', 'en');
    await settle(inner);
    expect(textOf(inner)).to.contain('Hello');
    outer.remove();
  });

  it('falls back to <html lang>, then nb', async () => {
    const el = await fixtureIn<LangProbe>(html`<test-lang-probe></test-lang-probe>`, '');
    el.parentElement!.removeAttribute('lang');
    const before = document.documentElement.getAttribute('lang');
    document.documentElement.setAttribute('lang', 'en');
    await settle(el);
    expect(el.text.lang).to.equal('en');
    document.documentElement.removeAttribute('lang');
    await settle(el);
    expect(el.text.lang).to.equal('nb');
    if (before !== null) document.documentElement.setAttribute('lang', before);
  });

  it('gives times in the reader\'s zone, named when it is not Oslo, in each language, never as AM/PM', async () => {
    const el = await fixtureIn<LangProbe>(html`<test-lang-probe></test-lang-probe>`, 'nb');
    const at = '2026-11-20T09:00:00Z'; // 10:00 in Oslo, 04:00 in New York
    const expected: Record<string, [RegExp, RegExp]> = {
      nb: [/^20\. november 2026 kl\. 10:00$/, /^20\. november 2026 kl\. 04:00 \(America\/New_York\)$/],
      nn: [/^20\. november 2026 kl\. 10:00$/, /^20\. november 2026 kl\. 04:00 \(America\/New_York\)$/],
      en: [/^20 November 2026 at 10:00$/, /^20 November 2026 at 04:00 \(America\/New_York\)$/],
      uk: [/^20 листопада 2026 р\. о 10:00$/, /^20 листопада 2026 р\. о 04:00 \(America\/New_York\)$/],
    };
    for (const [lang, [oslo, newYork]] of Object.entries(expected)) {
      el.setAttribute('lang', lang);
      await settle(el);
      expect(el.text.dateTime(at, { timeZone: 'Europe/Oslo' })).to.match(oslo);
      expect(el.text.dateTime(at, { timeZone: 'America/New_York' })).to.match(newYork);
      expect(el.text.dateTime(at, { timeZone: 'America/New_York' })).not.to.match(/AM|PM/);
    }
  });

  it('formats dates, numbers and plurals through Intl', async () => {
    const el = await fixtureIn<LangProbe>(html`<test-lang-probe></test-lang-probe>`, 'nb');
    expect(el.text.date('2025-03-14')).to.equal('14. mars 2025');
    expect(el.text.plural(1, { one: '# endring', other: '# endringer' })).to.equal('1 endring');
    expect(el.text.plural(5, { one: '# endring', other: '# endringer' })).to.equal('5 endringer');
    el.setAttribute('lang', 'en');
    await settle(el);
    expect(el.text.date('2025-03-14')).to.equal('14 March 2025');
    expect(el.text.number(1234.5)).to.equal('1,234.5');
    el.setAttribute('lang', 'uk-UA');
    await settle(el);
    expect(textOf(el)).to.contain('Привіт · 3 речей');
    expect(el.text.intlTag).to.equal('uk-UA');
    expect(el.text.date('2025-03-14')).to.equal('14 березня 2025 р.');
    expect(el.text.plural(2, { one: '# зміна', few: '# зміни', many: '# змін', other: '# зміни' })).to.equal('2 зміни');
    expect(el.text.plural(5, { one: '# зміна', few: '# зміни', many: '# змін', other: '# зміни' })).to.equal('5 змін');
  });
});

describe('shared: SamradElement', () => {
  it('re-renders on changes to its parts only, and announces remote changes', async () => {
    const { a, b } = linkedModels('leader', 'professional');
    const el = await fixtureIn<ModelProbe>(html`<test-model-probe .model=${a}></test-model-probe>`);
    const count = a.snapshot().actions.length;
    expect(textOf(el)).to.contain(`${count} · Samarbeidsmøte om Emma`);
    const rendersBefore = el.renders;
    // A participants change does not concern this element.
    a.participants.setOwnStatus(a.snapshot().participants[0]!.id, { prepared: false });
    await settle(el);
    expect(el.renders).to.equal(rendersBefore);
    // A local action: re-render, no announcement.
    a.actions.add({ title: 'Lokal', owner: { kind: 'child' }, schedule: { kind: 'ongoing' }, evaluationDate: '2030-01-01' });
    await settle(el);
    expect(textOf(el)).to.contain(`${count + 1} ·`);
    expect(el.remote).to.deep.equal([]);
    // Another user's action arrives: re-render and announce.
    b.actions.add({ title: 'Fra B', owner: { kind: 'child' }, schedule: { kind: 'ongoing' }, evaluationDate: '2030-01-01' });
    await settle(el);
    expect(textOf(el)).to.contain(`${count + 2} ·`);
    expect(el.remote).to.deep.equal(['actions']);
    await new Promise((r) => setTimeout(r, 80));
    expect(el.lastAnnouncement).to.equal('remote change');
  });

  it('defaults to the latest meeting not finalised, and follows the meeting attribute', async () => {
    const { model, ids } = seeded('leader');
    expect(defaultMeetingId(model.snapshot())).to.equal(ids!.meetingId);
    const el = await fixtureIn<ModelProbe>(html`<test-model-probe .model=${model} meeting=${ids!.earlierMeetingId}></test-model-probe>`);
    expect(el.meetingId).to.equal(ids!.earlierMeetingId);
    el.meeting = undefined;
    await settle(el);
    expect(el.meetingId).to.equal(ids!.meetingId);
  });

  it('emits samrad-prefixed events that bubble out of shadow roots', async () => {
    const el = await fixtureIn<ModelProbe>(html`<test-model-probe></test-model-probe>`);
    let got: CustomEvent | undefined;
    document.body.addEventListener('samrad-thing-happen', (e) => { got = e as CustomEvent; }, { once: true });
    el.emit('thing-happen', { n: 1 });
    expect(got?.detail).to.deep.equal({ n: 1 });
    expect(got?.composed).to.equal(true);
  });

  it('turns command refusals into localised sentences', async () => {
    const { model } = seeded('parent');
    const el = await fixtureIn<ModelProbe>(html`<test-model-probe .model=${model}></test-model-probe>`, 'en');
    const refused = el.tryCommand(() => model.meetings.finalise(model.snapshot().meetings[0]!.id));
    expect(refused.ok).to.equal(false);
    expect(refused.ok ? '' : refused.message).to.equal('You do not have permission to do this.');
    el.setAttribute('lang', 'nn');
    await settle(el);
    const again = el.tryCommand(() => model.meetings.finalise(model.snapshot().meetings[0]!.id));
    expect(again.ok ? '' : again.message).to.equal('Du har ikkje tilgang til å gjere dette.');
  });

  it('skips a tag that is already registered, with a warning', () => {
    class Other extends LitElement {}
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      defineElement('test-model-probe', Other);
    } finally {
      console.warn = original;
    }
    expect(customElements.get('test-model-probe')).to.equal(ModelProbe);
    expect(warnings.length).to.equal(1);
  });
});
