/**
 * Models for Storybook stories: the fictitious example case, seen as any role, in any
 * state the stories want to show. Kept apart from the test helpers (no axe, no mocha).
 */
// eslint-disable-next-line no-restricted-imports -- story fixture, not a view: it creates the documents a server would hold
import * as Y from 'yjs';
import { exampleUserFor, MeetingModel, seedExampleCase, type AuthUser, type ExampleCaseIds, type Role } from '@samrad/model';

export function storyUser(role: Role): AuthUser {
  return exampleUserFor(role);
}

export interface StoryCase {
  model: MeetingModel;
  ids: ExampleCaseIds | undefined;
}

/**
 * The example case seen as `role`. `empty`: nothing seeded. `finalised`: the current
 * meeting carries a decision and is locked.
 */
export function storyCase(role: Role, opts: { empty?: boolean; finalised?: boolean; now?: Date } = {}): StoryCase {
  const doc = new Y.Doc();
  const restricted = new Y.Doc();
  let ids: ExampleCaseIds | undefined;
  if (!opts.empty) {
    const leader = new MeetingModel(doc, storyUser('leader'), { restricted });
    ids = seedExampleCase(leader, opts.now);
    if (opts.finalised) {
      leader.decisions.add({ meetingId: ids.meetingId, text: 'Tiltakene for skolenærvær fortsetter. Ny evaluering om seks uker.' });
      leader.meetings.finalise(ids.meetingId);
    }
    leader.destroy();
  }
  const professional = role === 'leader' || role === 'coordinator' || role === 'professional';
  return { model: new MeetingModel(doc, storyUser(role), professional ? { restricted } : {}), ids };
}
