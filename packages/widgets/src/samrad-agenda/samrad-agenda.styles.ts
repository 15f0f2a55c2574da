import { css } from 'lit';

export const agendaStyles = css`
  header {
    display: grid;
    gap: 0.25rem;
    margin-block-end: 1rem;
  }
  h2 {
    margin: 0;
    font-size: var(--samrad-heading-size, 1.25rem);
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0;
  }
  dl.facts dt {
    font-weight: 600;
  }
  dl.facts dd {
    margin: 0;
  }
  .locked,
  .why,
  .hint {
    margin: 0.5rem 0;
    font-size: 0.9em;
  }
  .locked {
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--samrad-color-border, #767676);
    border-radius: var(--samrad-radius, 4px);
  }
  ol.items {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  li.item {
    border: 1px solid var(--samrad-color-border, #767676);
    border-radius: var(--samrad-radius, 4px);
    padding: 0.5rem 0.75rem;
    background: var(--samrad-color-surface, #fff);
  }
  /* The active item differs by a thick border and a text badge, not by colour alone. */
  li.item.active {
    border-width: 3px;
    border-inline-start-width: 8px;
    border-color: var(--samrad-color-accent, #005aa0);
    background: var(--samrad-color-accent-surface, #eef5fb);
  }
  li.item.done .title {
    text-decoration: line-through;
  }
  li.item.drop-before {
    box-shadow: 0 -4px 0 0 var(--samrad-color-accent, #005aa0);
  }
  li.item.dragging {
    opacity: 0.5;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .title {
    font-weight: 600;
    flex: 1 1 12rem;
  }
  .badge {
    display: inline-block;
    padding: 0 0.4rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.85em;
  }
  .badge.active {
    font-weight: 700;
  }
  .timer {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .timer.over {
    color: var(--samrad-color-danger, #b00020);
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  .handle {
    cursor: grab;
  }
  details {
    margin-block-start: 0.5rem;
  }
  .notes {
    display: grid;
    gap: 0.5rem;
    margin-block-start: 0.5rem;
  }
  .notes textarea {
    min-height: 4rem;
    width: 100%;
    box-sizing: border-box;
  }
  form.decide {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem;
  }
  form.decide input {
    flex: 1 1 16rem;
  }
  ul.decisions {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .readonly-text {
    white-space: pre-wrap;
    margin: 0;
  }
  form.add,
  form.create,
  .edit {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem;
    margin-block-start: 1rem;
  }
  form.create {
    display: grid;
    max-width: 36rem;
  }
  label.field {
    display: grid;
    gap: 0.2rem;
  }
  input[type='number'] {
    width: 6rem;
  }
  .error {
    color: var(--samrad-color-danger, #b00020);
    font-weight: 600;
  }
  /* Notices say what they are in words; the border only sets them apart. */
  .interpreter,
  section.due {
    margin: 0.5rem 0;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--samrad-color-border, #767676);
    border-inline-start-width: 6px;
    border-radius: var(--samrad-radius, 4px);
  }
  section.due h3 {
    margin: 0 0 0.25rem;
    font-size: 1rem;
  }
  section.due p {
    margin: 0.25rem 0;
  }
  section.due ul,
  .item-actions ul {
    margin: 0.25rem 0;
    padding-inline-start: 1.25rem;
  }
  .item-actions {
    margin-block-start: 0.25rem;
    font-size: 0.95em;
  }
  .item-actions-heading {
    font-weight: 600;
  }
`;
