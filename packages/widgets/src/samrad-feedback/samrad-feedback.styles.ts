import { css } from 'lit';

export const feedbackStyles = css`
  h2 {
    margin: 0;
    font-size: var(--samrad-heading-size, 1.25rem);
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin-block: 0.75rem;
  }
  legend {
    font-weight: 600;
  }
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .option {
    position: relative;
    display: inline-flex;
    flex-direction: column;
    align-items: center;
    gap: 0.2rem;
    min-width: 44px;
    min-height: 44px;
    padding: 0.35rem 0.6rem;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    font-weight: 400;
    cursor: pointer;
  }
  /* The radio covers its label, so the whole tile is the target; its own focus ring moves to the tile. */
  .option input {
    position: absolute;
    opacity: 0;
    inset: 0;
    width: 100%;
    height: 100%;
    margin: 0;
    cursor: pointer;
  }
  .option:has(input:checked) {
    border-color: var(--_accent);
    border-width: 4px;
    background: var(--_bg-alt);
    font-weight: 700;
  }
  .option:has(input:focus-visible) {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .num {
    font-weight: 700;
  }
  .icon {
    font-size: 1.25em;
  }
  .face {
    width: 2.25rem;
    height: 2.25rem;
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
    margin: 0.25rem 0 0;
  }
  .field-error::before {
    content: '⚠ ';
  }
  .thanks {
    border-inline-start: 6px solid var(--_success);
    padding-inline-start: 0.75rem;
  }
  .thanks-title {
    font-size: 1.2em;
    font-weight: 700;
  }
  table {
    margin-block: 0.5rem;
  }

  /* Child mode: plain words, large targets, big faces. */
  :host([mode='child']) {
    --_size: var(--samrad-child-font-size, 1.15rem);
  }
  :host([mode='child']) button,
  :host([mode='child']) textarea {
    min-height: 44px;
  }
  :host([mode='child']) .option {
    min-width: 5.5rem;
    min-height: 5.5rem;
    justify-content: center;
  }
  :host([mode='child']) .face {
    width: 3rem;
    height: 3rem;
  }
`;
