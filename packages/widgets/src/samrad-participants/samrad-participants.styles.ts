import { css } from 'lit';

export const styles = css`
  table {
    width: 100%;
  }
  th,
  td {
    border: 0;
    border-block-end: 1px solid var(--_border);
    padding: 0.35rem 0.4rem;
    vertical-align: middle;
  }
  thead th {
    background: none;
  }
  @container (max-width: 40rem) {
    th,
    td {
      border: 0;
      padding: 0.2rem 0;
    }
  }
  tr.me {
    background: var(--_bg-alt);
  }
  .baton {
    display: block;
    font-weight: 600;
  }
  .online {
    font-weight: 600;
  }
  .editing {
    display: block;
    font-size: 0.9em;
    color: var(--_muted);
  }
  .presence ul {
    list-style: none;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  form.add {
    margin-block-start: 1rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .cell-controls {
    display: inline-flex;
    max-width: 100%;
    vertical-align: middle;
    gap: 0.35rem;
    flex-wrap: wrap;
    align-items: center;
  }
`;
