import { css } from 'lit';

export const levelStyles = css`
  ol.levels {
    list-style: none;
    padding: 0;
    margin: 0.25rem 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
  }
  ol.levels li {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.15rem 0.5rem;
  }
  /* The current level is marked in words and by a thicker border, not by colour. */
  ol.levels li.is-current {
    border-width: 3px;
    border-color: var(--_accent);
    font-weight: 700;
  }
  .current-mark {
    font-weight: 400;
    font-size: 0.9em;
  }
  .countdown {
    font-size: 1.1em;
  }
  .countdown.overdue {
    color: var(--samrad-case-overdue-color, var(--_danger));
  }
  ol.concerns {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  li.concern {
    border-inline-start: 4px solid var(--_warning);
    padding-inline-start: 0.5rem;
    margin-block-end: 0.75rem;
  }
  li.concern.decided {
    border-inline-start-color: currentColor;
  }
  li.concern p {
    margin: 0.25rem 0;
  }
`;
