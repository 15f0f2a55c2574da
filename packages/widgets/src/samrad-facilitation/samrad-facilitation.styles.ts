import { css } from 'lit';

export const facilitationStyles = css`
  h2 {
    margin: 0;
    font-size: var(--samrad-heading-size, 1.25rem);
  }
  section.block {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 0.85rem;
    margin-block: 0.75rem;
  }
  .message {
    border-inline-start: 4px solid var(--_accent);
    padding-inline-start: 0.5rem;
  }
  .speaker {
    font-size: 1.1em;
  }
  ol.order {
    padding-inline-start: 1.5rem;
    margin: 0.25rem 0;
  }
  ol.order li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: center;
    padding: 0.25rem 0.4rem;
    border: 2px solid transparent;
    border-radius: var(--_radius);
  }
  /* The current speaker is said in words; the border only repeats it. */
  ol.order li.current {
    border-color: var(--samrad-facilitation-current-color, var(--_accent));
  }
  .who {
    font-weight: 600;
  }
  .status,
  .now {
    white-space: nowrap;
  }
  li.heard .status {
    color: var(--_success);
    font-weight: 600;
  }
  .now {
    font-weight: 700;
  }
  label.tick {
    font-weight: 400;
    display: inline-flex;
    gap: 0.4rem;
    align-items: center;
    min-height: 2.25rem;
  }
  ol.phases {
    list-style: none;
    padding: 0;
    margin: 0.25rem 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
  }
  ol.phases li {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.15rem 0.5rem;
  }
  ol.phases li.is-current {
    border-width: 3px;
    border-color: var(--_accent);
    font-weight: 700;
  }
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }
  ul.notes {
    list-style: none;
    padding: 0;
    margin: 0.25rem 0;
  }
  .note-item {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.35rem 0.6rem;
    margin-block: 0.35rem;
    background: var(--_bg-alt);
  }
  .note-text {
    margin: 0;
  }
  .num {
    font-weight: 600;
  }
  .used {
    margin: 0.25rem 0 0;
    color: var(--_success);
    font-weight: 600;
  }
  .group-form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-block-start: 0.35rem;
  }
  h5 {
    margin-block: 0.75rem 0.25rem;
    font-size: 1em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-block: 0.5rem;
  }
  .field-error {
    color: var(--_danger);
    font-weight: 600;
    margin: 0;
  }
  .field-error::before {
    content: '⚠ ';
  }
`;
