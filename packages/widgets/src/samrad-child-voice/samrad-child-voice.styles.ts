import { css } from 'lit';

export const childVoiceStyles = css`
  h2 {
    margin: 0;
    font-size: var(--samrad-heading-size, 1.25rem);
  }
  header {
    display: grid;
    gap: 0.5rem;
    margin-block-end: 0.75rem;
  }
  .entries button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_accent-fg);
  }
  section.block {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 0.85rem;
    margin-block: 0.75rem;
  }
  /* The child's own words look different from the adults' notes, and say so in text too. */
  section.child-words {
    border-inline-start: 6px solid var(--samrad-child-words-accent, var(--_accent));
    background: var(--samrad-child-words-background, var(--_bg-alt));
  }
  section.adult-notes {
    border-style: dashed;
  }
  ol.quotes,
  ol.goals,
  ol.private {
    padding-inline-start: 1.25rem;
    margin-block: 0.25rem;
  }
  ol.quotes li,
  ol.goals li {
    margin-block: 0.35rem;
  }
  blockquote {
    margin: 0;
    display: inline;
    font-style: italic;
  }
  blockquote::before {
    content: '«';
  }
  blockquote::after {
    content: '»';
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin-block: 0.5rem;
  }
  legend {
    font-weight: 600;
  }
  .moods {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .mood {
    position: relative;
    display: inline-flex;
    flex-direction: column;
    align-items: center;
    gap: 0.2rem;
    min-width: 44px;
    min-height: 44px;
    padding: 0.35rem 0.5rem;
    border: 2px solid transparent;
    border-radius: var(--_radius);
    font-weight: 400;
    cursor: pointer;
  }
  .mood input {
    position: absolute;
    opacity: 0;
    inset: 0;
    width: 100%;
    height: 100%;
    margin: 0;
    cursor: pointer;
  }
  .mood:has(input:checked) {
    border-color: var(--_accent);
    background: var(--_bg-alt);
    font-weight: 700;
  }
  .mood:has(input:focus-visible) {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .mood svg {
    width: 2.25rem;
    height: 2.25rem;
  }
  .mood .checkmark {
    font-size: 0.85em;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: 0 1rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-block-start: 0.75rem;
  }
  .field-error {
    color: var(--_danger);
    font-weight: 600;
    margin: 0;
  }
  .field-error::before {
    content: '⚠ ';
  }
  label.plain {
    font-weight: 400;
    display: inline-flex;
    gap: 0.4rem;
    align-items: center;
    min-height: 2rem;
  }
  .service-checks {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1rem;
  }
  .reservation-list {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .reservations {
    margin-block-start: 1rem;
  }
  .private-row {
    display: grid;
    grid-template-columns: 1fr 1fr auto;
    gap: 0.5rem;
    align-items: end;
  }

  /* Child mode: plain words, large targets. */
  :host([mode='child']) {
    --_size: var(--samrad-child-font-size, 1.15rem);
  }
  :host([mode='child']) button,
  :host([mode='child']) input:not([type='radio']),
  :host([mode='child']) textarea {
    min-height: 44px;
  }
  :host([mode='child']) .mood {
    min-width: 5.5rem;
    min-height: 5.5rem;
  }
  :host([mode='child']) .mood svg {
    width: 3rem;
    height: 3rem;
  }
`;
