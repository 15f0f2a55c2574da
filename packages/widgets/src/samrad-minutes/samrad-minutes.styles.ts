import { css } from 'lit';

export const styles = css`
  header {
    border-block-end: 2px solid var(--_border);
    margin-block-end: var(--_space);
  }
  .state {
    padding: 0.4rem 0.7rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_bg-alt);
  }
  .state.finalised {
    border-color: var(--_success);
    font-weight: 600;
  }
  dl {
    display: grid;
    grid-template-columns: fit-content(40%) minmax(0, 1fr);
    gap: 0.15rem 0.75rem;
    margin: 0.5rem 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  section {
    margin-block: 1rem;
  }
  table {
    width: 100%;
  }
  tbody th {
    font-weight: 400;
  }
  blockquote {
    margin: 0.25rem 0 0.25rem 1rem;
    padding-inline-start: 0.6rem;
    border-inline-start: 3px solid var(--_accent);
  }
  .finalise {
    margin-block: 1rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .correcting {
    border-inline-start: 4px solid var(--_accent);
    padding-inline-start: 0.6rem;
  }
  .versions .hash {
    font-size: 0.85em;
  }
  .downloads {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  /* Printed with the page around it, the minutes show no controls. */
  @media print {
    button,
    form,
    [part='downloads'] {
      display: none !important;
    }
  }
`;
