/** Who one can sign in as in the demo: the example case's people, and the services. */
import { EXAMPLE_USERS, type Role } from '@samrad/model';

export interface DemoIdentity {
  /** Token subject; equals the participant's `userId` for the example people. */
  sub: string;
  name: string;
  role: Role;
  service?: string;
}

export const DEMO_PEOPLE: DemoIdentity[] = Object.values(EXAMPLE_USERS).map((u) => ({
  sub: u.id,
  name: u.name,
  role: u.role,
  ...('service' in u ? { service: u.service } : {}),
}));

export const SERVICES: Array<{ id: string; label: Record<'nb' | 'nn' | 'en' | 'uk', string> }> = [
  { id: 'barnehage', label: { nb: 'Barnehage', nn: 'Barnehage', en: 'Kindergarten', uk: 'Дитячий садок' } },
  { id: 'skole', label: { nb: 'Skole', nn: 'Skule', en: 'School', uk: 'Школа' } },
  { id: 'sfo', label: { nb: 'SFO', nn: 'SFO', en: 'After-school care', uk: 'Група продовженого дня' } },
  { id: 'helsestasjon', label: { nb: 'Helsestasjon/skolehelsetjeneste', nn: 'Helsestasjon/skulehelseteneste', en: 'Health clinic', uk: 'Медичний центр' } },
  { id: 'ppt', label: { nb: 'PPT', nn: 'PPT', en: 'PPT', uk: 'PPT' } },
  { id: 'barnevern', label: { nb: 'Barnevern', nn: 'Barnevern', en: 'Child welfare', uk: 'Служба захисту дітей' } },
  { id: 'nav', label: { nb: 'NAV', nn: 'NAV', en: 'NAV', uk: 'NAV' } },
  { id: 'bup', label: { nb: 'BUP', nn: 'BUP', en: 'BUP', uk: 'BUP' } },
  { id: 'other', label: { nb: 'Annen', nn: 'Anna', en: 'Other', uk: 'Інша' } },
];
