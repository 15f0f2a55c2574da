import { css } from 'lit';

export const handoverStyles = css`
  .holder {
    font-weight: 600;
  }
  .pending {
    border-inline-start: 4px solid var(--_warning);
    padding-inline-start: 0.5rem;
  }
`;
