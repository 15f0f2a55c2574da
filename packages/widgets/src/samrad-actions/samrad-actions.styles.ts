import { css } from 'lit';

export const actionsStyles = css`
  h2 {
    font-size: var(--samrad-heading-size, 1.25rem);
  }
  form.add {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0 0.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg-alt);
  }
  form.add h3,
  form.add p {
    flex-basis: 100%;
  }
  form.add .title-field {
    flex: 1 1 18rem;
  }
  fieldset.filters {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.25rem 1rem;
    margin: 1rem 0 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  fieldset.filters label.check {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    min-height: 2.25rem;
  }
  ul.actions {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.4rem;
  }
  li.action {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.4rem 0.75rem;
    background: var(--_bg);
  }
  /* Overdue rows get a thick start border as well as the text flag. */
  li.action.overdue {
    border-inline-start: 6px solid var(--_danger);
  }
  li.action.soon {
    border-inline-start: 6px dashed var(--_warning);
  }
  li.action.closed .what {
    text-decoration: line-through;
  }
  .what {
    font-weight: 600;
    flex: 1 1 16rem;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    font-size: 0.92em;
  }
  .flag {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    font-weight: 700;
  }
  .flag.overdue {
    color: var(--_danger);
  }
  .flag.soon {
    color: var(--_warning);
  }
  .flag svg {
    width: 1em;
    height: 1em;
    flex: none;
  }
  .carried {
    font-style: italic;
  }
  .details {
    margin-block-start: 0.5rem;
    padding-block-start: 0.5rem;
    border-block-start: 1px solid var(--_border);
  }
  ol.evaluations {
    margin: 0.25rem 0 0.5rem;
    padding-inline-start: 1.25rem;
  }
  form.evaluate,
  form.edit {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0 0.75rem;
  }
  form.evaluate h4,
  form.edit h4,
  form.evaluate .wide,
  form.edit .wide {
    flex-basis: 100%;
  }
`;
