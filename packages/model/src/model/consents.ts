/**
 * Consent: recording it, withdrawing it in part or whole, and what it covers at a date.
 */
import { z } from 'zod';
import { CommandError } from '../errors.js';
import { activeServices } from '../case-view.js';
import { Consent, ConsentGiver, IsoDate, Service } from '../schemas.js';
import { appendToEntity, clean, patchEntity } from '../store.js';
import type { ModelCore } from './core.js';

export const ConsentInput = z.object({
  givenBy: z.array(ConsentGiver).min(1),
  services: z.array(Service).min(1),
  scope: z.string().min(1),
  purpose: z.string().min(1),
  validFrom: IsoDate,
  validTo: IsoDate.optional(),
});

export function consentCommands(core: ModelCore) {
  return {
    record: (input: z.input<typeof ConsentInput>): string => {
      core.allow('consent.record');
      if (core.snapshot().case?.anonymous) {
        throw new CommandError('invalid', 'consent.record', 'an anonymous consultation stores no consent (it identifies the family)', [{ path: 'givenBy', message: 'anonymous-no-consent' }]);
      }
      return core.create('consent.record', 'consents', { ...core.parse('consent.record', ConsentInput, input), withdrawals: [] });
    },
    /** Withdraws the consent for some services (partial) or all of them (whole). */
    withdraw: (id: string, services?: Service[], reason = ''): void => {
      const current = core.parse('consent.withdraw', Consent, core.get('consent.withdraw', 'consents', id));
      core.allow('consent.withdraw', current);
      const withdrawn = new Set(current.withdrawals.flatMap((w) => w.services));
      const target = (services ?? current.services).filter((s) => current.services.includes(s) && !withdrawn.has(s));
      if (target.length === 0) throw new CommandError('invalid', 'consent.withdraw', 'nothing left to withdraw for those services', [{ path: 'services', message: 'nothing-to-withdraw' }]);
      const { at, by } = core.stamp();
      core.transact('consents', () => {
        appendToEntity(core.doc, 'consents', id, 'withdrawals', clean({ services: target, at, by, byName: core.user.name, reason }));
        patchEntity(core.doc, 'consents', id, { updatedAt: at, updatedBy: by });
      });
    },
    /** Services the consent currently covers at `date` (after withdrawals and validity). */
    activeServices: (consent: Consent, date: Date = core.now()): Service[] => activeServices(consent, date),
  };
}

export type ConsentCommands = ReturnType<typeof consentCommands>;
