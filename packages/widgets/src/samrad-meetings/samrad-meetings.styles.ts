import { css } from 'lit';

export const meetingsStyles = css`
  .pick {
    display: grid;
    gap: 0.25rem;
    max-width: 40rem;
  }
  .pick select {
    min-width: 0;
    max-width: 100%;
  }
  form {
    display: grid;
    gap: 0.75rem;
    max-width: 40rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  details {
    margin-block-start: 1rem;
  }
  summary {
    min-height: 1.5rem;
    cursor: pointer;
    font-weight: 600;
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.25rem 1rem;
    overflow-wrap: anywhere;
  }
  dl.facts dt {
    font-weight: 600;
  }
  dl.facts dd {
    margin: 0;
  }
  label.check {
    display: inline-flex;
    gap: 0.5rem;
    align-items: center;
    min-height: 1.5rem;
    font-weight: 400;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    outline: 2px solid var(--_danger);
  }
`;
