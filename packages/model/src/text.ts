/**
 * Helpers for views that bind an input to a collaborative text field (see
 * `MeetingModel.textField`), so that they need no runtime import of yjs themselves.
 */
import * as Y from 'yjs';

export { textDiff } from './store.js';

/** A place in a text that moves with everyone's edits (a Yjs relative position). */
export type TextAnchor = Y.RelativePosition;

/** An anchor just before the character now at `index` of `text`. */
export function textAnchor(text: Y.Text, index: number): TextAnchor {
  return Y.createRelativePositionFromTypeIndex(text, index);
}

/** Where `anchor` is in `text` now, or undefined when its text is gone. */
export function anchorIndex(text: Y.Text, anchor: TextAnchor): number | undefined {
  return text.doc ? Y.createAbsolutePositionFromRelativePosition(anchor, text.doc)?.index : undefined;
}
