/** The level models shipped as data; a municipality may supply its own. */
import { LevelModel } from './schemas.js';

export const BTI_LEVELS: LevelModel = LevelModel.parse({
  id: 'bti',
  name: { nb: 'BTI-nivå', nn: 'BTI-nivå', en: 'BTI level', uk: 'Рівень BTI' },
  decisionDeadlineDays: 14,
  levels: [
    { id: 'bti-0', rank: 0, label: { nb: 'Nivå 0', nn: 'Nivå 0', en: 'Level 0', uk: 'Рівень 0' },
      description: { nb: 'Undring eller bekymring i egen enhet', nn: 'Undring eller uro i eiga eining', en: 'Wondering or concern within own unit', uk: 'Сумнів або занепокоєння у власному підрозділі' } },
    { id: 'bti-1', rank: 1, label: { nb: 'Nivå 1', nn: 'Nivå 1', en: 'Level 1', uk: 'Рівень 1' },
      description: { nb: 'Tiltak i egen enhet', nn: 'Tiltak i eiga eining', en: 'Measures within own unit', uk: 'Заходи у власному підрозділі' } },
    { id: 'bti-2', rank: 2, label: { nb: 'Nivå 2', nn: 'Nivå 2', en: 'Level 2', uk: 'Рівень 2' },
      description: { nb: 'Samarbeid med andre tjenester', nn: 'Samarbeid med andre tenester', en: 'Cooperation with other services', uk: 'Співпраця з іншими службами' } },
    { id: 'bti-3', rank: 3, label: { nb: 'Nivå 3', nn: 'Nivå 3', en: 'Level 3', uk: 'Рівень 3' },
      description: { nb: 'Utvidet samarbeid, eventuelt barnevern', nn: 'Utvida samarbeid, eventuelt barnevern', en: 'Extended cooperation, possibly child welfare', uk: 'Розширена співпраця, можливо служба захисту дітей' } },
  ],
});

export const ZONE_LEVELS: LevelModel = LevelModel.parse({
  id: 'zones',
  name: { nb: 'Sone', nn: 'Sone', en: 'Zone', uk: 'Зона' },
  decisionDeadlineDays: 14,
  levels: [
    { id: 'green', rank: 0, label: { nb: 'Grønn', nn: 'Grøn', en: 'Green', uk: 'Зелена' },
      description: { nb: 'Universelle tiltak', nn: 'Universelle tiltak', en: 'Universal measures', uk: 'Універсальні заходи' } },
    { id: 'yellow', rank: 1, label: { nb: 'Gul', nn: 'Gul', en: 'Yellow', uk: 'Жовта' },
      description: { nb: 'Selektive tiltak', nn: 'Selektive tiltak', en: 'Selective measures', uk: 'Вибіркові заходи' } },
    { id: 'red', rank: 2, label: { nb: 'Rød', nn: 'Raud', en: 'Red', uk: 'Червона' },
      description: { nb: 'Indikerte tiltak', nn: 'Indikerte tiltak', en: 'Indicated measures', uk: 'Показані заходи' } },
  ],
});

export const LEVEL_MODELS: readonly LevelModel[] = [BTI_LEVELS, ZONE_LEVELS];

export function findLevelModel(id: string, models: readonly LevelModel[] = LEVEL_MODELS): LevelModel | undefined {
  return models.find((m) => m.id === id);
}

/**
 * Whether moving a case from level `fromId` to `toId` must say which lower-level actions
 * were tried, and for how long: moving up past the first level above the lowest one (BTI
 * level 1 → 2, yellow → red, or 0 → 2), not the first step up (0 → 1, green → yellow), when
 * nothing can have been tried yet, and not a first placement (no `fromId`).
 */
export function triedBeforeRequired(model: LevelModel, fromId: string | undefined, toId: string): boolean {
  const from = model.levels.find((l) => l.id === fromId);
  const to = model.levels.find((l) => l.id === toId);
  if (!from || !to || to.rank <= from.rank) return false;
  const lowest = Math.min(...model.levels.map((l) => l.rank));
  const firstUp = Math.min(...model.levels.filter((l) => l.rank > lowest).map((l) => l.rank));
  return to.rank > firstUp;
}
