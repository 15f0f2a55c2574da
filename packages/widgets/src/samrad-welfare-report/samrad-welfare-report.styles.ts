import { css } from 'lit';

export const welfareReportStyles = css`
  ol.welfare-reports {
    list-style: none;
    padding: 0;
    margin: 0.25rem 0;
  }
  li.welfare-report {
    border-inline-start: 4px solid var(--_border);
    padding-inline-start: 0.5rem;
    margin-block: 0.5rem;
  }
  li.welfare-report.safety {
    border-inline-start-color: var(--_warning);
  }
  li.welfare-report p {
    margin: 0.2rem 0;
  }
  .safety-note,
  .welfare-step {
    font-weight: 600;
  }
`;
