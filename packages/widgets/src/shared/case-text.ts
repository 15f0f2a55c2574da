/**
 * Reading the case in words, for the case elements (<samrad-case> and the parts it
 * composes): people, services, meetings and the municipality's level model in the
 * reader's language. One per element: `private readonly words = new CaseText(this)`.
 */
import { findLevelModel, findTemplate, type LevelModel, type Meeting, type Participant, type Service } from '@samrad/model';
import { caseWords } from './case-words.messages.js';
import { LocalizeController } from './localize.js';
import type { SamradElement } from './samrad-element.js';

/** A label given in the data (level model, meeting template); Ukrainian falls back to English. */
export type DataLabel = { nb: string; nn: string; en: string; uk?: string };

export class CaseText extends LocalizeController<typeof caseWords.nb> {
  constructor(private readonly element: SamradElement) {
    super(element, caseWords);
  }

  /** The municipality's level model the case uses. */
  get levelModel(): LevelModel | undefined {
    const c = this.element.snapshot?.case;
    const model = this.element.model;
    return c && model ? findLevelModel(c.levelModelId, model.levelModels) : undefined;
  }

  /** A level model label in the reader's language (Ukrainian falls back to English). */
  label(labels: DataLabel | undefined): string {
    if (!labels) return '';
    const lang = this.lang;
    return (lang === 'uk' ? labels.uk : labels[lang]) ?? labels.en;
  }

  levelLabel(id: string | undefined): string {
    if (!id) return '';
    return this.label(this.levelModel?.levels.find((l) => l.id === id)?.label) || id;
  }

  participant(id: string | undefined): Participant | undefined {
    return id ? this.element.snapshot?.participants.find((p) => p.id === id) : undefined;
  }

  personName(participantId: string | undefined): string {
    return this.participant(participantId)?.name ?? this.t('someone');
  }

  /** "Name (service)", or "Name (role)" for someone without a service. */
  personLabel(p: Participant): string {
    return this.t('personWithService', p.name, p.service ? this.t('service', p.service) : this.t('role', p.role));
  }

  meetingName(m: Meeting | undefined): string {
    if (!m) return this.t('meetingFallback');
    const model = this.element.model;
    const template = model ? findTemplate(m.templateId, model.templates) : undefined;
    return this.t('meetingName', m.title ?? (this.label(template?.name) || this.t('meetingFallback')), this.date(m.date));
  }

  services(list: readonly string[] | string | undefined): string {
    const items = Array.isArray(list) ? list : list ? [list] : [];
    return this.list(items.map((s) => this.t('service', s as Service)));
  }
}
