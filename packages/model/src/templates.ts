/** The five meeting templates shipped as validated data (SPEC.md, "Meeting templates"). */
import { MeetingTemplate, type Labels } from './schemas.js';

const L = (nb: string, nn: string, en: string): Labels => ({ nb, nn, en });
const item = (kind: string, title: Labels, plannedMinutes: number) => ({ kind, title, plannedMinutes });

const purpose = item('purpose', L('Formål og roller', 'Føremål og roller', 'Purpose and roles'), 5);
const consentCheck = item('consent', L('Samtykke og taushetsplikt', 'Samtykke og teieplikt', 'Consent and confidentiality check'), 3);
const childVoice = item('child-voice', L('Barnets stemme', 'Barnet si stemme', "The child's voice"), 10);
const evaluation = item('evaluation', L('Evaluering av tiltak', 'Evaluering av tiltak', 'Evaluation of existing actions'), 10);
const newActions = item('actions', L('Nye tiltak (ansvarlig, frist, evaluering)', 'Nye tiltak (ansvarleg, frist, evaluering)', 'New actions (owner, deadline, evaluation date)'), 15);
const nextMeeting = item('next-meeting', L('Neste møte, koordinator og kort evaluering av møtet', 'Neste møte, koordinator og kort evaluering av møtet', 'Next meeting, coordinator and short meeting evaluation'), 5);

export const TEMPLATES: readonly MeetingTemplate[] = [
  {
    id: 'samarbeidsmote', version: 1, anonymousAllowed: false,
    name: L('Samarbeidsmøte / ansvarsgruppemøte', 'Samarbeidsmøte / ansvarsgruppemøte', 'Collaboration meeting / responsibility group'),
    description: L('Standard tverrfaglig møte om barnet og familien.', 'Standard tverrfagleg møte om barnet og familien.', 'The default interdisciplinary meeting about the child and family.'),
    items: [
      purpose, consentCheck,
      item('strengths', L('Styrker og ressurser', 'Styrkar og ressursar', 'Strengths and resources'), 5),
      childVoice,
      item('parents-view', L('Foreldrenes syn', 'Foreldra sitt syn', "The parents' view"), 10),
      item('service-status', L('Status fra hver tjeneste (hva ser jeg, hva kan jeg tilby)', 'Status frå kvar teneste (kva ser eg, kva kan eg tilby)', "Each service's status (what I see, what I can offer)"), 15),
      evaluation,
      item('best-interest', L('Barnets beste-vurdering', 'Vurdering av barnets beste', 'Best-interest assessment'), 10),
      newActions,
      item('tell-child', L('Hvem forteller barnet hva som ble bestemt, og hvordan', 'Kven fortel barnet kva som vart bestemt, og korleis', 'Who tells the child what was decided, and how'), 3),
      nextMeeting,
    ],
  },
  {
    id: 'ressursteam', version: 1, anonymousAllowed: true, maxProfessionals: 3, answerWithinDays: 7,
    name: L('Ressursteam – drøfting', 'Ressursteam – drøfting', 'Resource team consultation'),
    description: L('PPT, barnevern og helse drøfter en sak, eventuelt anonymt. Svar innen en uke.', 'PPT, barnevern og helse drøftar ei sak, eventuelt anonymt. Svar innan ei veke.', 'PPT, child welfare and health consult on a case, anonymously if needed. Answer within one week.'),
    items: [
      purpose,
      item('concern', L('Beskrivelse av undringen eller bekymringen', 'Skildring av undringa eller uroa', 'Description of the wondering or concern'), 10),
      item('tried', L('Hva er prøvd', 'Kva er prøvd', 'What has been tried'), 5),
      item('advice', L('Råd og drøfting', 'Råd og drøfting', 'Advice and discussion'), 15),
      item('decision', L('Konklusjon og hvem som følger opp', 'Konklusjon og kven som følgjer opp', 'Conclusion and who follows up'), 5),
    ],
  },
  {
    id: 'overgangsmote', version: 1, anonymousAllowed: false,
    name: L('Overgangsmøte', 'Overgangsmøte', 'Transition meeting'),
    description: L('Overgang barnehage–skole, barneskole–ungdomsskole, ungdomsskole–videregående.', 'Overgang barnehage–skule, barneskule–ungdomsskule, ungdomsskule–vidaregåande.', 'Transition kindergarten → school, primary → lower secondary → upper secondary.'),
    items: [
      purpose, consentCheck, childVoice,
      item('handover-summary', L('Overføringsnotat (krever samtykke)', 'Overføringsnotat (krev samtykke)', 'Handover summary (consent required)'), 15),
      item('what-works', L('Hva fungerer godt, hva trenger barnet', 'Kva fungerer godt, kva treng barnet', 'What works well, what the child needs'), 10),
      newActions, nextMeeting,
    ],
  },
  {
    id: 'naervaersmote', version: 1, anonymousAllowed: false,
    name: L('Nærværsmøte', 'Nærværsmøte', 'School attendance meeting'),
    description: L('Oppfølging av skolefravær.', 'Oppfølging av skulefråvær.', 'Follow-up of school absence.'),
    items: [
      purpose,
      item('absence-figures', L('Fraværstall (dokumentert og udokumentert, dager og andel)', 'Fråværstal (dokumentert og udokumentert, dagar og del)', 'Absence figures (documented and undocumented, days and share)'), 5),
      item('pupil-account', L('Elevens egen forklaring', 'Eleven si eiga forklaring', "The pupil's own account"), 10),
      item('good-days', L('Hva hjelper på gode dager', 'Kva hjelper på gode dagar', 'What helps on good days'), 10),
      item('measures', L('Tiltak på skolen og hjemme', 'Tiltak på skulen og heime', 'Measures at school and at home'), 10),
      item('contact-when-absent', L('Hvem kontakter eleven ved fravær', 'Kven kontaktar eleven ved fråvær', 'Who contacts the pupil when absent'), 5),
      nextMeeting,
    ],
  },
  {
    id: 'evalueringsmote', version: 1, anonymousAllowed: false,
    name: L('Evalueringsmøte', 'Evalueringsmøte', 'Evaluation meeting'),
    description: L('Oppfølgingsmøte med vekt på evaluering av tiltak.', 'Oppfølgingsmøte med vekt på evaluering av tiltak.', 'Follow-up meeting focused on evaluating actions.'),
    items: [purpose, childVoice, evaluation, newActions, nextMeeting],
  },
].map((t) => MeetingTemplate.parse(t));

export const DEFAULT_TEMPLATE_ID = 'samarbeidsmote';

export function findTemplate(id: string, templates: readonly MeetingTemplate[] = TEMPLATES): MeetingTemplate | undefined {
  return templates.find((t) => t.id === id);
}

/** Default best-interest assessment elements (configurable per municipality). */
export const ASSESSMENT_ELEMENTS: Readonly<Record<string, Labels>> = {
  'child-views': L('Barnets synspunkter', 'Barnet sine synspunkt', "The child's views"),
  identity: L('Barnets identitet', 'Barnet sin identitet', "The child's identity"),
  family: L('Familiemiljø og relasjoner', 'Familiemiljø og relasjonar', 'Family environment and relations'),
  care: L('Omsorg, beskyttelse og sikkerhet', 'Omsorg, vern og tryggleik', 'Care, protection and safety'),
  vulnerability: L('Sårbarhet', 'Sårbarheit', 'Vulnerability'),
  health: L('Helse', 'Helse', 'Health'),
  education: L('Utdanning og utvikling', 'Utdanning og utvikling', 'Education and development'),
};
export const DEFAULT_ELEMENT_SET: readonly string[] = Object.keys(ASSESSMENT_ELEMENTS);

/** Default checklists of protective and risk factors. */
export const PROTECTIVE_FACTORS: Readonly<Record<string, Labels>> = {
  'stable-adult': L('Minst én stabil, trygg voksen', 'Minst éin stabil, trygg vaksen', 'At least one stable, safe adult'),
  friends: L('Venner og tilhørighet', 'Vener og tilhøyrsle', 'Friends and belonging'),
  'school-mastery': L('Mestring i barnehage/skole', 'Meistring i barnehage/skule', 'Mastery in kindergarten/school'),
  'leisure': L('Fritidsaktivitet', 'Fritidsaktivitet', 'Leisure activity'),
  'parent-cooperation': L('Foreldre samarbeider med tjenestene', 'Foreldra samarbeider med tenestene', 'Parents cooperate with the services'),
};
export const RISK_FACTORS: Readonly<Record<string, Labels>> = {
  absence: L('Høyt fravær', 'Høgt fråvær', 'High absence'),
  conflict: L('Høyt konfliktnivå i familien', 'Høgt konfliktnivå i familien', 'High level of family conflict'),
  'parent-health': L('Foreldres psykiske helse eller rus', 'Foreldra si psykiske helse eller rus', "Parents' mental health or substance use"),
  isolation: L('Sosial isolasjon', 'Sosial isolasjon', 'Social isolation'),
  violence: L('Vold eller overgrep', 'Vald eller overgrep', 'Violence or abuse'),
  economy: L('Lav inntekt eller trangboddhet', 'Låg inntekt eller trongbuddheit', 'Low income or overcrowding'),
};
