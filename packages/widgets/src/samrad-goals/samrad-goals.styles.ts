import { css } from 'lit';

export const goalsStyles = css`
  ul.goals {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  ul.goals.nested {
    padding-inline-start: 1.25rem;
    border-inline-start: 2px solid var(--_border);
  }
  li.goal {
    margin-block: 0.5rem;
  }
  .goal-text {
    margin: 0;
  }
  .goal-kind,
  .sub {
    font-weight: 600;
  }
  .indicator,
  .sub {
    margin: 0.15rem 0;
  }
  ul.goal-actions,
  ul.progress {
    margin: 0.15rem 0;
  }
`;
