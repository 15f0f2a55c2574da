import { css } from 'lit';

export const bestInterestStyles = css`
  h2 {
    margin: 0;
    font-size: var(--samrad-heading-size, 1.25rem);
  }
  header {
    display: grid;
    gap: 0.25rem;
    margin-block-end: 0.75rem;
  }
  .badge {
    display: inline-block;
    border: 1px solid currentColor;
    border-radius: 999px;
    padding: 0 0.6rem;
    font-size: 0.85em;
    font-weight: 600;
  }
  .badge.concluded {
    color: var(--_success);
  }
  section.block,
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 0.85rem;
    margin-block: 0.75rem;
  }
  legend {
    font-weight: 600;
    padding-inline: 0.25rem;
  }
  .checks,
  .radios {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.25rem;
  }
  .checks label,
  .radios label {
    font-weight: 400;
    display: inline-flex;
    gap: 0.4rem;
    align-items: center;
    min-height: 2rem;
  }
  .voice-summary {
    background: var(--_bg-alt);
    border-inline-start: 4px solid var(--_accent);
    padding: 0.35rem 0.75rem;
    margin-block: 0.25rem;
  }
  .voice-summary blockquote {
    margin: 0.2rem 0;
    font-style: italic;
  }
  .option {
    display: grid;
    gap: 0.25rem;
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
  .notice {
    border: 1px solid var(--_warning);
    color: var(--_warning);
    border-radius: var(--_radius);
    padding: 0.35rem 0.75rem;
  }
  ol.history,
  ul.comments {
    padding-inline-start: 1.25rem;
  }
  ol.history li,
  ul.comments li {
    margin-block: 0.35rem;
  }
  .readonly-version {
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 0.85rem;
    background: var(--_bg-alt);
  }
  dl.content {
    display: grid;
    grid-template-columns: minmax(10rem, max-content) 1fr;
    gap: 0.25rem 1rem;
    margin: 0;
  }
  dl.content dt {
    font-weight: 600;
  }
  dl.content dd {
    margin: 0;
    white-space: pre-wrap;
  }
  .comment-kind {
    font-weight: 700;
  }
`;
