/**
 * Small building blocks for the case elements' forms and sections: the styles of a
 * bordered block, a status line, plain (radio/checkbox) labels, fieldsets, hints and
 * field errors, and the markup of an error under a field or under a form.
 */
import { css, html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import { isCommandError, type CommandResult } from './samrad-element.js';

/** A bordered section of a larger view (`section.block`) and the status line (`.message`) that says what just happened. */
export const blockStyles = css`
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
`;

/** Fieldsets, plain labels for radios and checkboxes, hints, a row of buttons, and field errors (marked by a sign, not colour only). */
export const formStyles = css`
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin-block: 0.5rem;
  }
  legend {
    font-weight: 600;
  }
  label.plain {
    font-weight: 400;
    display: inline-flex;
    gap: 0.4rem;
    align-items: center;
    min-height: 2rem;
    margin-inline-end: 1rem;
  }
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
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
  select {
    max-width: 100%;
  }
`;

/** The error under one field, `id="err-<key>"` so the field can name it in `aria-describedby`; nothing when there is none. */
export function fieldError(errors: Readonly<Record<string, string>>, key: string): TemplateResult | typeof nothing {
  const e = errors[key];
  return e ? html`<p class="field-error" id="err-${key}">${e}</p>` : nothing;
}

/** An error about a whole form or action (a refused command), said at once. */
export function formError(message: string | undefined): TemplateResult | typeof nothing {
  return message ? html`<p class="field-error" role="alert">${message}</p>` : nothing;
}

/** The status line saying what just happened; nothing when nothing did. */
export function statusLine(message: string | undefined): TemplateResult | typeof nothing {
  return message ? html`<p class="message">${message}</p>` : nothing;
}

/** After the next render, focuses the first field marked invalid inside `scope` (a selector in the element's shadow root). */
export function focusFirstInvalid(element: ReactiveElement, scope: string): void {
  void element.updateComplete.then(() => element.renderRoot.querySelector<HTMLElement>(`${scope} [aria-invalid="true"]`)?.focus());
}

/**
 * Field → message from a refused command: the issues the element's catalogue words
 * itself (`issue:<message>` keys), else the general message under `form`.
 */
export function issueErrors(result: Extract<CommandResult<unknown>, { ok: false }>, say: (key: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (isCommandError(result.error)) {
    for (const issue of result.error.issues) {
      const text = say(`issue:${issue.message}`);
      if (text !== undefined) out[issue.path || 'form'] ??= text;
    }
  }
  if (Object.keys(out).length === 0) out.form = result.message;
  return out;
}
