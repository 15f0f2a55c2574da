/**
 * Words for the domain's fixed values (roles, services, attendance), in each locale.
 * Shared so every widget names a service the same way; use with a LocalizeController:
 * `new LocalizeController(this, vocabulary).t('service', 'ppt')`.
 */
import type { Role, Service } from '@samrad/model';

type Attendance = 'invited' | 'present' | 'absent' | 'excused';

const nb = {
  role: (r: Role) => ({ leader: 'møteleder', coordinator: 'koordinator', professional: 'fagperson', parent: 'forelder', child: 'barn', observer: 'observatør' })[r],
  service: (s: Service) => ({
    barnehage: 'Barnehage', skole: 'Skole', sfo: 'SFO', helsestasjon: 'Helsestasjon/skolehelsetjeneste', ppt: 'PPT', barnevern: 'Barnevern',
    nav: 'NAV', bup: 'BUP', fastlege: 'Fastlege', 'psykisk-helse': 'Psykisk helse', 'kultur-fritid': 'Kultur og fritid', other: 'Annen tjeneste',
  })[s],
  attendance: (a: Attendance) => ({ invited: 'invitert', present: 'til stede', absent: 'fraværende', excused: 'meldt forfall' })[a],
};
export type Vocabulary = typeof nb;

const nn: Vocabulary = {
  role: (r: Role) => ({ leader: 'møteleiar', coordinator: 'koordinator', professional: 'fagperson', parent: 'forelder', child: 'barn', observer: 'observatør' })[r],
  service: (s: Service) => ({
    barnehage: 'Barnehage', skole: 'Skule', sfo: 'SFO', helsestasjon: 'Helsestasjon/skulehelseteneste', ppt: 'PPT', barnevern: 'Barnevern',
    nav: 'NAV', bup: 'BUP', fastlege: 'Fastlege', 'psykisk-helse': 'Psykisk helse', 'kultur-fritid': 'Kultur og fritid', other: 'Anna teneste',
  })[s],
  attendance: (a: Attendance) => ({ invited: 'invitert', present: 'til stades', absent: 'fråverande', excused: 'meldt forfall' })[a],
};

const en: Vocabulary = {
  role: (r: Role) => ({ leader: 'meeting leader', coordinator: 'coordinator', professional: 'professional', parent: 'parent', child: 'child', observer: 'observer' })[r],
  service: (s: Service) => ({
    barnehage: 'Kindergarten', skole: 'School', sfo: 'After-school care', helsestasjon: 'Health clinic / school health service', ppt: 'Educational-psychological service (PPT)',
    barnevern: 'Child welfare', nav: 'NAV', bup: 'Child and adolescent mental health (BUP)', fastlege: 'GP', 'psykisk-helse': 'Mental health', 'kultur-fritid': 'Culture and leisure', other: 'Other service',
  })[s],
  attendance: (a: Attendance) => ({ invited: 'invited', present: 'present', absent: 'absent', excused: 'excused' })[a],
};

const uk: Vocabulary = {
  role: (r: Role) => ({ leader: 'ведучий зустрічі', coordinator: 'координатор', professional: 'фахівець', parent: 'один із батьків', child: 'дитина', observer: 'спостерігач' })[r],
  service: (s: Service) => ({
    barnehage: 'Дитячий садок', skole: 'Школа', sfo: 'Група продовженого дня (SFO)', helsestasjon: 'Медичний центр / шкільна медична служба',
    ppt: 'Психолого-педагогічна служба (PPT)', barnevern: 'Служба захисту дітей', nav: 'NAV (служба праці та соціального забезпечення)',
    bup: 'Дитяча і підліткова психіатрія (BUP)', fastlege: 'Сімейний лікар', 'psykisk-helse': 'Психічне здоров’я', 'kultur-fritid': 'Культура і дозвілля', other: 'Інша служба',
  })[s],
  attendance: (a: Attendance) => ({ invited: 'запрошено', present: 'присутній', absent: 'відсутній', excused: 'повідомив про відсутність' })[a],
};

export const vocabulary = { nb, nn, en, uk };
