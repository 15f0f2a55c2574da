/**
 * Styles every widget shares. Theme through `--samrad-*` custom properties (defaults
 * here); nothing leaks out of the shadow roots and nothing is set on the page.
 */
import { css } from 'lit';

export const tokens = css`
  :host {
    --_fg: var(--samrad-color-text, #1b1b1f);
    --_muted: var(--samrad-color-muted, #4a4a55);
    --_bg: var(--samrad-color-surface, #ffffff);
    --_bg-alt: var(--samrad-color-surface-alt, #f3f4f6);
    --_border: var(--samrad-color-border, #6b6b76);
    --_accent: var(--samrad-color-accent, #0b5cad);
    --_accent-fg: var(--samrad-color-accent-text, #ffffff);
    --_danger: var(--samrad-color-danger, #a4161a);
    --_warning: var(--samrad-color-warning, #7a4d00);
    --_success: var(--samrad-color-success, #1d6b34);
    --_focus: var(--samrad-focus-color, #0b5cad);
    --_radius: var(--samrad-radius, 6px);
    --_space: var(--samrad-space, 0.5rem);
    --_font: var(--samrad-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_size: var(--samrad-font-size, 1rem);
  }
`;

export const sharedStyles = [
  tokens,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      font-family: var(--_font);
      font-size: var(--_size);
      line-height: 1.45;
      color: var(--_fg);
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
    .visually-hidden {
      position: absolute !important;
      width: 1px;
      height: 1px;
      padding: 0;
      margin: -1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
      border: 0;
    }
    :focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    button,
    .button {
      font: inherit;
      min-height: 2.25rem;
      padding: 0.35rem 0.85rem;
      border: 1px solid var(--_accent);
      border-radius: var(--_radius);
      background: var(--_bg);
      color: var(--_accent);
      cursor: pointer;
    }
    button.primary {
      background: var(--_accent);
      color: var(--_accent-fg);
    }
    button.danger {
      border-color: var(--_danger);
      color: var(--_danger);
    }
    button:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }
    input,
    select,
    textarea {
      font: inherit;
      color: var(--_fg);
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.3rem 0.5rem;
      min-height: 2.25rem;
    }
    textarea {
      width: 100%;
      min-height: 4rem;
    }
    input[type='checkbox'],
    input[type='radio'] {
      min-height: auto;
      width: 1.15rem;
      height: 1.15rem;
    }
    label {
      font-weight: 600;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.2rem;
      margin-block: var(--_space);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
    }
    .muted {
      color: var(--_muted);
    }
    .samrad-undo {
      position: sticky;
      bottom: var(--_space);
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: center;
      justify-content: space-between;
      margin-block-start: var(--_space);
      padding: var(--_space);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg-alt);
      color: var(--_fg);
    }
    .error {
      color: var(--_danger);
      font-weight: 600;
    }
    .note {
      color: var(--_muted);
      font-size: 0.9em;
    }
    h2,
    h3,
    h4 {
      margin-block: 0.5em 0.35em;
      line-height: 1.25;
    }
  `,
];

/** Data tables (figures, consents, the case log): bordered cells, a caption, a scrolling wrapper for narrow screens. */
export const tableStyles = css`
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.25rem;
  }
  th,
  td {
    border: 1px solid var(--_border);
    padding: 0.3rem 0.5rem;
    text-align: start;
    vertical-align: top;
  }
  thead th {
    background: var(--_bg-alt);
  }
`;
