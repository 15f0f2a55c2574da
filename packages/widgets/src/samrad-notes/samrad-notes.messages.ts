/**
 * Text of <samrad-notes> in nb, nn, en and uk. The nb catalogue's type is the contract the
 * others must satisfy, so a missing key fails the type check.
 */
const nb = {
  heading: 'Notater',
  intro: 'Hvert notat lagres bare hos dem som skal kunne lese det. Velg hvem før du lagrer.',
  none: 'Ingen notater du kan lese.',
  text: 'Notat',
  audience: 'Hvem kan lese notatet',
  restricted: 'Alle fagpersoner i saken (skjermet for familien)',
  service: (service: string) => `Bare ${service}`,
  keptFrom: (name: string) => `Alle i saken unntatt ${name}`,
  withheld: (services: string) => `Alle fagpersoner unntatt ${services}`,
  save: 'Lagre notatet',
  saved: 'Notatet er lagret.',
  missing: 'Skriv notatet først.',
  by: (name: string, when: string) => `${name}, ${when}`,
  keptFromHint: 'For eksempel når en forelder har hemmelig adresse eller ikke skal få vite om dette. Den personen mottar aldri notatet.',
};

type Messages = typeof nb;

const nn: Messages = {
  heading: 'Notat',
  intro: 'Kvart notat blir lagra berre hos dei som skal kunne lese det. Vel kven før du lagrar.',
  none: 'Ingen notat du kan lese.',
  text: 'Notat',
  audience: 'Kven kan lese notatet',
  restricted: 'Alle fagpersonar i saka (skjerma for familien)',
  service: (service) => `Berre ${service}`,
  keptFrom: (name) => `Alle i saka unntatt ${name}`,
  withheld: (services) => `Alle fagpersonar unntatt ${services}`,
  save: 'Lagre notatet',
  saved: 'Notatet er lagra.',
  missing: 'Skriv notatet først.',
  by: (name, when) => `${name}, ${when}`,
  keptFromHint: 'Til dømes når ein forelder har hemmeleg adresse eller ikkje skal få vite om dette. Den personen får aldri notatet.',
};

const en: Messages = {
  heading: 'Notes',
  intro: 'Each note is stored only with those who may read it. Choose who before you save.',
  none: 'No notes you can read.',
  text: 'Note',
  audience: 'Who can read the note',
  restricted: 'Every professional on the case (not the family)',
  service: (service) => `Only ${service}`,
  keptFrom: (name) => `Everyone on the case except ${name}`,
  withheld: (services) => `Every professional except ${services}`,
  save: 'Save the note',
  saved: 'The note is saved.',
  missing: 'Write the note first.',
  by: (name, when) => `${name}, ${when}`,
  keptFromHint: 'For example when a parent has a protected address or must not learn of this. That person never receives the note.',
};

const uk: Messages = {
  heading: 'Нотатки',
  intro: 'Кожна нотатка зберігається лише в тих, хто може її читати. Виберіть, хто саме, перед збереженням.',
  none: 'Немає нотаток, які ви можете читати.',
  text: 'Нотатка',
  audience: 'Хто може читати нотатку',
  restricted: 'Усі фахівці у справі (не родина)',
  service: (service) => `Лише ${service}`,
  keptFrom: (name) => `Усі у справі, крім ${name}`,
  withheld: (services) => `Усі фахівці, крім ${services}`,
  save: 'Зберегти нотатку',
  saved: 'Нотатку збережено.',
  missing: 'Спершу напишіть нотатку.',
  by: (name, when) => `${name}, ${when}`,
  keptFromHint: 'Наприклад, коли один із батьків має захищену адресу або не повинен про це знати. Ця особа ніколи не отримає нотатку.',
};

export const messages = { nb, nn, en, uk };
