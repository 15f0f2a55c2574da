import { css } from 'lit';

export const caseLogStyles = css`
  table {
    width: 100%;
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
`;
