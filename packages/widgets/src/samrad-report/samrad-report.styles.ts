import { css } from 'lit';

export const reportStyles = css`
  h2 {
    margin: 0;
    font-size: var(--samrad-heading-size, 1.25rem);
  }
  table {
    margin-block: 0.5rem;
    width: 100%;
  }
  tbody tr.group th {
    background: var(--_bg-alt);
  }
  td.num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  @container (max-width: 40rem) {
    td.num {
      text-align: start;
    }
    th.sub {
      padding-inline-start: 0;
    }
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
