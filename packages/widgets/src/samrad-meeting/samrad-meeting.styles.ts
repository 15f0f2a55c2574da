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
  /* Stays in view wherever the user is in the meeting; takes no room when all is well. */
  .connection-bar {
    position: sticky;
    inset-block-start: 0;
    z-index: 10;
    block-size: 0;
    display: flex;
    justify-content: center;
  }
  .connection-chip {
    display: flex;
    align-items: center;
    gap: 0.4rem;
    block-size: fit-content;
    margin-block-start: 0.5rem;
    padding: 0.25rem 0.75rem;
    border: 2px solid var(--_warning);
    border-radius: 999px;
    background: var(--_bg);
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.2);
    font-size: 0.9em;
  }
  .connection-chip[data-state='refused'] {
    border-color: var(--_danger);
    color: var(--_danger);
    font-weight: 600;
  }
  .connection-chip[data-empty] {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
    padding: 0;
    margin: 0;
  }
  .setup-error {
    color: var(--_danger);
    font-weight: 600;
  }
`;
