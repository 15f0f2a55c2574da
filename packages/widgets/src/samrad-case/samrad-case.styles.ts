import { css } from 'lit';

export const caseStyles = css`
  h2 {
    margin: 0;
    font-size: var(--samrad-heading-size, 1.25rem);
  }
  section.block {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 0.85rem;
    margin-block: 0.75rem;
  }
  .overview {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 17rem), 1fr));
    gap: 0 0.75rem;
  }
  .message {
    border-inline-start: 4px solid var(--_accent);
    padding-inline-start: 0.5rem;
  }
  .holder {
    font-weight: 600;
  }
  .pending {
    border-inline-start: 4px solid var(--_warning);
    padding-inline-start: 0.5rem;
  }
  ol.levels {
    list-style: none;
    padding: 0;
    margin: 0.25rem 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
  }
  ol.levels li {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.15rem 0.5rem;
  }
  /* The current level is marked in words and by a thicker border, not by colour. */
  ol.levels li.is-current {
    border-width: 3px;
    border-color: var(--_accent);
    font-weight: 700;
  }
  .current-mark {
    font-weight: 400;
    font-size: 0.9em;
  }
  .countdown {
    font-size: 1.1em;
  }
  .countdown.overdue {
    color: var(--samrad-case-overdue-color, var(--_danger));
  }
  ol.concerns {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  li.concern {
    border-inline-start: 4px solid var(--_warning);
    padding-inline-start: 0.5rem;
    margin-block-end: 0.75rem;
  }
  li.concern.decided {
    border-inline-start-color: currentColor;
  }
  li.concern p {
    margin: 0.25rem 0;
  }
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }
  ul.goals {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  ul.goals.nested {
    padding-inline-start: 1.25rem;
    border-inline-start: 2px solid var(--_border);
  }
  li.goal {
    margin-block: 0.5rem;
  }
  .goal-text {
    margin: 0;
  }
  .goal-kind,
  .sub {
    font-weight: 600;
  }
  .indicator,
  .sub {
    margin: 0.15rem 0;
  }
  ul.goal-actions,
  ul.progress {
    margin: 0.15rem 0;
  }
  table {
    width: 100%;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin-block: 0.5rem;
  }
  legend {
    font-weight: 600;
  }
  label.plain {
    font-weight: 400;
    display: inline-flex;
    gap: 0.4rem;
    align-items: center;
    min-height: 2rem;
    margin-inline-end: 1rem;
  }
  ol.timeline {
    list-style: none;
    padding: 0;
    margin: 0;
    container-type: inline-size;
  }
  ol.timeline li {
    display: grid;
    /* Fixed columns so dates, kinds and text line up from row to row. */
    grid-template-columns: 10rem 11rem minmax(0, 1fr);
    gap: 0.25rem 0.75rem;
    padding-block: 0.35rem;
    border-block-end: 1px solid var(--_bg-alt);
  }
  ol.timeline .kind {
    font-weight: 600;
  }
  @container (max-width: 40rem) {
    ol.timeline li {
      grid-template-columns: 1fr;
    }
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-block: 0.5rem;
  }
  .field-error {
    color: var(--_danger);
    font-weight: 600;
    margin: 0;
  }
  .field-error::before {
    content: '⚠ ';
  }
  select {
    max-width: 100%;
  }
  ol.welfare-reports {
    list-style: none;
    padding: 0;
    margin: 0.25rem 0;
  }
  li.welfare-report {
    border-inline-start: 4px solid var(--_border);
    padding-inline-start: 0.5rem;
    margin-block: 0.5rem;
  }
  li.welfare-report.safety {
    border-inline-start-color: var(--_warning);
  }
  li.welfare-report p {
    margin: 0.2rem 0;
  }
  .safety-note,
  .welfare-step {
    font-weight: 600;
  }
`;
