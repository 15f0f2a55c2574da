import { css } from 'lit';

export const caseStyles = css`
  h2 {
    margin: 0;
    font-size: var(--samrad-heading-size, 1.25rem);
  }
  .overview {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 17rem), 1fr));
    gap: 0 0.75rem;
  }
  /* The coordinator, level and concern sections are the grid's cells, as when one element drew them. */
  .overview > * {
    display: contents;
  }
`;
