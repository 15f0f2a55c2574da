/**
 * Text of <samrad-case> itself (its heading and notes) in nb, nn, en and uk. The parts it
 * composes carry their own catalogues; words they share are in shared/case-words.messages.ts.
 * The nb catalogue's type is the contract: the others supply every key with the same arguments.
 */
const nb = {
  heading: 'Saken',
  headingChild: (name: string) => `Saken om ${name}`,
  familyNote: 'Her står alt som er avtalt og gjort i saken, i rekkefølge. Familien kan lese alt her.',
  readOnlyNote: 'Du kan lese saken, men ikke endre den.',
  remoteChange: 'Saken er oppdatert.',
};

export type CaseMessages = typeof nb;

const nn: CaseMessages = {
  heading: 'Saka',
  headingChild: (name) => `Saka om ${name}`,
  familyNote: 'Her står alt som er avtalt og gjort i saka, i rekkjefølgje. Familien kan lese alt her.',
  readOnlyNote: 'Du kan lese saka, men ikkje endre ho.',
  remoteChange: 'Saka er oppdatert.',
};

const en: CaseMessages = {
  heading: 'The case',
  headingChild: (name) => `The case about ${name}`,
  familyNote: 'Everything agreed and done in the case, in order. The family can read all of it here.',
  readOnlyNote: 'You can read the case but not change it.',
  remoteChange: 'The case was updated.',
};

const uk: CaseMessages = {
  heading: 'Справа',
  headingChild: (name) => `Справа щодо дитини: ${name}`,
  familyNote: 'Тут по порядку записано все, про що домовилися і що зроблено у справі. Родина може читати все тут.',
  readOnlyNote: 'Ви можете читати справу, але не змінювати її.',
  remoteChange: 'Справу оновлено.',
};

export const messages = { nb, nn, en, uk };
