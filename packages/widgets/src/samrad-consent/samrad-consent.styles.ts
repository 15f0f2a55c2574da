import { css } from 'lit';

export const consentStyles = css`
  h2 {
    margin: 0;
    font-size: var(--samrad-heading-size, 1.25rem);
  }
  section.block,
  article.consent {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 0.85rem;
    margin-block: 0.75rem;
  }
  table {
    width: 100%;
  }
  /* Status is said in words and an icon; the colour only repeats it. */
  .status {
    display: inline-flex;
    gap: 0.3rem;
    align-items: center;
    font-weight: 600;
  }
  .status.active {
    color: var(--samrad-consent-active-color, var(--_success));
  }
  .status.withdrawn {
    color: var(--samrad-consent-withdrawn-color, var(--_danger));
  }
  .status.expired,
  .status.pending {
    color: var(--samrad-consent-expired-color, var(--_warning));
  }
  dl.facts {
    display: grid;
    grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
    gap: 0.25rem 1rem;
    margin: 0.25rem 0;
  }
  dl.facts dt {
    font-weight: 600;
  }
  dl.facts dd {
    margin: 0;
  }
  ul.services {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin-block: 0.5rem;
  }
  legend {
    font-weight: 600;
  }
  .checks {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
    gap: 0.25rem 1rem;
  }
  .checks label {
    font-weight: 400;
    display: inline-flex;
    gap: 0.4rem;
    align-items: center;
    min-height: 2rem;
  }
  .giver {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
    gap: 0.5rem;
    align-items: end;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-block-start: 0.5rem;
  }
  .field-error {
    color: var(--_danger);
    font-weight: 600;
    margin: 0;
  }
  .field-error::before {
    content: '⚠ ';
  }
  .concern {
    border-inline-start: 4px solid var(--_accent);
    padding-inline-start: 0.5rem;
  }
`;
