import { css } from 'lit';

export const accessLogStyles = css`
  h2 {
    margin: 0;
    font-size: var(--samrad-heading-size, 1.25rem);
  }
  .intro {
    margin-block: 0.25rem 0.75rem;
  }
  table {
    margin-block: 0.5rem;
    width: 100%;
  }
  tbody th {
    font-weight: 600;
  }
  th.unnamed {
    font-weight: 400;
    font-style: italic;
  }
  tbody tr:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: -3px;
  }
  .failure {
    border-inline-start: 6px solid var(--_danger);
    padding-inline-start: 0.75rem;
    margin-block: 0.5rem;
  }
  .failure p {
    margin: 0;
  }
  button {
    /* At least 24 × 24 CSS px (WCAG 2.2 target size); the shared style gives 2.25rem. */
    min-height: max(24px, 2.25rem);
    min-width: 24px;
  }
`;
