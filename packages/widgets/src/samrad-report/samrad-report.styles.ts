import { css } from 'lit';

export const reportStyles = css`
  h2 {
    margin: 0;
    font-size: var(--samrad-heading-size, 1.25rem);
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    margin-block: 0.5rem;
    min-width: min(100%, 32rem);
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.25rem;
  }
  th,
  td {
    border: 1px solid var(--_border);
    padding: 0.3rem 0.5rem;
    text-align: start;
    vertical-align: top;
  }
  thead th,
  tbody tr.group th {
    background: var(--_bg-alt);
  }
  td.num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  th.sub {
    padding-inline-start: 1.5rem;
    font-weight: 400;
  }
  .hidden-figure {
    font-style: italic;
  }
  .note {
    margin-block: 0.5rem;
  }
  .unreadable {
    border-inline-start: 6px solid var(--_danger);
    padding-inline-start: 0.75rem;
  }
`;
