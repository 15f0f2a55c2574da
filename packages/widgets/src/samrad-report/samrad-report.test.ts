import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import { yearlyReport, type StateReport } from '@samrad/model';
import { $, $$, expectNoAxeViolations, fixtureIn, seeded, textOf } from '../shared/test-helpers.js';
import type { SamradReport } from './samrad-report.js';
import './define.js';

/** A report as `stateReport()` returns it for twenty cases. */
const REPORT: StateReport = {
  period: { from: '2026-01-01', to: '2026-12-31' },
  suppressBelow: 5,
  cases: 20,
  meetings: 24,
  meetingsByTemplate: { ressursteam: null, samarbeidsmote: 21 },
  childVoiceDocumented: { count: 18, of: 24, percent: 75 },
  actionsEvaluatedOnTime: { count: 10, of: 17, percent: 59 },
  familiesFeltHeard: { count: null, of: 12, percent: null },
  childrenFeltHeard: { count: null, of: null, percent: null },
  levelChanges: { up: 6, down: null, firstPlacement: 0 },
};

async function mount(report: unknown, lang = 'en'): Promise<SamradReport> {
  return fixtureIn<SamradReport>(html`<samrad-report .report=${report}></samrad-report>`, lang);
}

const row = (el: Element, figure: string) => textOf($(el, `tr[data-figure="${figure}"]`));

describe('<samrad-report>', () => {
  it('shows the figures, with hidden numbers said in words', async () => {
    const el = await mount(REPORT);
    expect(textOf(el)).to.contain('1 January 2026').and.contain('31 December 2026');
    expect(row(el, 'meetings')).to.contain('24');
    expect(row(el, 'template-samarbeidsmote')).to.contain('Collaboration meeting').and.contain('21');
    expect(row(el, 'template-ressursteam')).to.contain('fewer than 5');
    expect(row(el, 'childVoice')).to.contain('18 of 24').and.contain('75%');
    expect(row(el, 'evaluatedOnTime')).to.contain('10 of 17').and.contain('59%');
    // Hidden because the rest (12 − count) is small: the count is "hidden", not "fewer than 5".
    expect(row(el, 'familiesHeard')).to.contain('hidden of 12').and.not.contain('fewer than');
    expect(row(el, 'childrenHeard')).to.contain('fewer than 5');
    expect(row(el, 'levelDown')).to.contain('fewer than 5');
    expect(row(el, 'levelFirst')).to.match(/first placement\s*0/);
    expect($$(el, 'th[scope="col"]')).to.have.length(3);
  });

  it('names a report that does not fit the schema unreadable, and says when there is none', async () => {
    const broken = await mount({ ...REPORT, meetings: '24' });
    expect($(broken, '[role="alert"]').textContent).to.contain('cannot be read');
    expect($$(broken, 'table')).to.have.length(0);
    const none = await mount(undefined, 'nb');
    expect(textOf(none)).to.contain('Ingen rapport');
  });

  it('offers the report as JSON, and lets the host take the file instead', async () => {
    const el = await mount(REPORT);
    const seen: CustomEvent[] = [];
    el.addEventListener('samrad-report-export', (e) => {
      seen.push(e as CustomEvent);
      e.preventDefault();
    });
    $<HTMLButtonElement>(el, 'button[part="download"]').click();
    expect(seen).to.have.length(1);
    expect(seen[0]!.detail.filename).to.equal('samrad-report-2026-01-01-2026-12-31.json');
    expect(JSON.parse(seen[0]!.detail.content)).to.deep.equal(REPORT);
    expect(el.download()).to.equal(false); // cancelled again by the listener
  });

  it('shows a report computed from a real case with everything small hidden and no names', async () => {
    const { model } = seeded('leader');
    const snapshot = model.snapshot();
    const el = await mount(yearlyReport([snapshot], new Date().getUTCFullYear()), 'nn');
    expect(row(el, 'meetings')).to.match(/færre enn 5|\b0\b/);
    for (const p of snapshot.participants) expect(textOf(el)).not.to.contain(p.name);
    expect(textOf(el)).not.to.contain(snapshot.case!.child.name);
  });

  for (const lang of ['nb', 'nn', 'en', 'uk']) {
    it(`has no axe violations in ${lang}`, async () => {
      const el = await mount(REPORT, lang);
      await expectNoAxeViolations(el);
      const broken = await mount({ nope: true }, lang);
      await expectNoAxeViolations(broken);
    });
  }
});
