import { css } from 'lit';

export const styles = css`
  .status {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.35rem 0.75rem;
    margin-block-end: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg-alt);
    font-size: 0.95em;
  }
  .status[data-state='local'] {
    display: none;
  }
  .status[data-state='refused'] {
    border-color: var(--_danger);
    color: var(--_danger);
    font-weight: 600;
  }
  .status[data-state='practice'] {
    border-style: dashed;
    border-color: var(--_warning);
    font-weight: 600;
  }
  .status[data-state='offline'] {
    border-color: var(--_warning);
  }
  /* Shape as well as colour tells the state: ● live, ◌ connecting, ○ offline, ⊘ refused. */
  .icon {
    font-size: 1.1em;
    line-height: 1;
  }
  .setup-error {
    color: var(--_danger);
    font-weight: 600;
  }
`;
