/**
 * Words the case elements share (<samrad-case>, <samrad-handover>, <samrad-level>,
 * <samrad-welfare-report>, <samrad-goals>, <samrad-case-log>): people, services, meetings,
 * the effect of an action, and what to show without a case.
 * The nb catalogue's type is the contract: the others supply every key with the same arguments.
 */
import type { Role, Service } from '@samrad/model';

type Effect = 'achieved' | 'partly' | 'not';

const nb = {
  noModel: 'Ingen saksdata er koblet til ennå.',
  noCase: 'Saken er ikke satt opp ennå.',
  someone: 'Ukjent',
  effect: (e: Effect) => ({ achieved: 'oppnådd', partly: 'delvis oppnådd', not: 'ikke oppnådd' })[e],
  meetingName: (name: string, date: string) => `${name} ${date}`,
  meetingFallback: 'Møte',

  role: (r: Role) => ({ leader: 'møteleder', coordinator: 'koordinator', professional: 'fagperson', parent: 'forelder', child: 'barn', observer: 'observatør' })[r],
  service: (s: Service) => ({
    barnehage: 'barnehage', skole: 'skole', sfo: 'SFO', helsestasjon: 'helsestasjon og skolehelsetjeneste', ppt: 'PPT', barnevern: 'barnevern',
    nav: 'NAV', bup: 'BUP', fastlege: 'fastlege', 'psykisk-helse': 'psykisk helse', 'kultur-fritid': 'kultur og fritid', other: 'annen tjeneste',
  })[s],
  personWithService: (name: string, service: string) => `${name} (${service})`,
};

export type CaseWords = typeof nb;

const nn: CaseWords = {
  noModel: 'Ingen saksdata er kopla til enno.',
  noCase: 'Saka er ikkje sett opp enno.',
  someone: 'Ukjend',
  effect: (e) => ({ achieved: 'oppnådd', partly: 'delvis oppnådd', not: 'ikkje oppnådd' })[e],
  meetingName: (name, date) => `${name} ${date}`,
  meetingFallback: 'Møte',

  role: (r) => ({ leader: 'møteleiar', coordinator: 'koordinator', professional: 'fagperson', parent: 'forelder', child: 'barn', observer: 'observatør' })[r],
  service: (s) => ({
    barnehage: 'barnehage', skole: 'skule', sfo: 'SFO', helsestasjon: 'helsestasjon og skulehelseteneste', ppt: 'PPT', barnevern: 'barnevern',
    nav: 'NAV', bup: 'BUP', fastlege: 'fastlege', 'psykisk-helse': 'psykisk helse', 'kultur-fritid': 'kultur og fritid', other: 'anna teneste',
  })[s],
  personWithService: (name, service) => `${name} (${service})`,
};

const en: CaseWords = {
  noModel: 'No case data is connected yet.',
  noCase: 'The case is not set up yet.',
  someone: 'Unknown',
  effect: (e) => ({ achieved: 'achieved', partly: 'partly achieved', not: 'not achieved' })[e],
  meetingName: (name, date) => `${name}, ${date}`,
  meetingFallback: 'Meeting',

  role: (r) => ({ leader: 'meeting leader', coordinator: 'coordinator', professional: 'professional', parent: 'parent', child: 'child', observer: 'observer' })[r],
  service: (s) => ({
    barnehage: 'kindergarten', skole: 'school', sfo: 'after-school care', helsestasjon: 'health clinic and school health service', ppt: 'educational-psychological service (PPT)',
    barnevern: 'child welfare', nav: 'NAV', bup: 'child and adolescent mental health (BUP)', fastlege: 'GP', 'psykisk-helse': 'mental health', 'kultur-fritid': 'culture and leisure', other: 'another service',
  })[s],
  personWithService: (name, service) => `${name} (${service})`,
};

const uk: CaseWords = {
  noModel: 'Дані справи ще не підключено.',
  noCase: 'Справу ще не створено.',
  someone: 'Невідомо',
  effect: (e) => ({ achieved: 'досягнуто', partly: 'частково досягнуто', not: 'не досягнуто' })[e],
  meetingName: (name, date) => `${name}, ${date}`,
  meetingFallback: 'Зустріч',

  role: (r) => ({ leader: 'ведучий зустрічі', coordinator: 'координатор', professional: 'фахівець', parent: 'один із батьків', child: 'дитина', observer: 'спостерігач' })[r],
  service: (s) => ({
    barnehage: 'дитячий садок', skole: 'школа', sfo: 'група продовженого дня (SFO)', helsestasjon: 'медичний центр і шкільна медична служба',
    ppt: 'психолого-педагогічна служба (PPT)', barnevern: 'служба захисту дітей', nav: 'NAV (служба праці та соціального забезпечення)',
    bup: 'дитяча і підліткова психіатрія (BUP)', fastlege: 'сімейний лікар', 'psykisk-helse': 'психічне здоров’я', 'kultur-fritid': 'культура і дозвілля', other: 'інша служба',
  })[s],
  personWithService: (name, service) => `${name} (${service})`,
};

export const caseWords = { nb, nn, en, uk };
