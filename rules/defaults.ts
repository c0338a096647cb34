/**
 * The rule settings a company starts from. They follow common collections
 * practice: tier A (good payers) only gets a pre-due reminder and a friendly
 * notice a week after the due date; B adds a follow-up at 30 days and an
 * escalation at 60; C is followed closely up to a formal demand at 90 days.
 * Every value can be changed in the INI; the example INI shows these same values.
 */
import type { CalendarSettings, RuleSettings } from './types';

export const DEFAULT_RULES: RuleSettings = {
  tiers: {
    lateThresholdDays: 15,
    newCustomerTier: 'B',
    minPaymentsForHistory: 3,
    minRelationshipDays: 90,
    improvementHoldDays: 60,
    A: {
      maxWeightedDaysLate: 7,
      maxLateShare: 0.1,
      maxOldestDaysOverdue: 30,
      maxOverdueToCredit: 0.5,
      maxOverdueBalance: null,
    },
    B: {
      maxWeightedDaysLate: 25,
      maxLateShare: 0.4,
      maxOldestDaysOverdue: 60,
      maxOverdueToCredit: 1,
      maxOverdueBalance: null,
    },
    weights: { history: 60, volume: 20, age: 20 },
  },
  cadence: {
    A: [
      { id: 'D-3', offsetDays: -3, channels: ['email'], template: 'recordatorio', role: 'vendedor', stage: 'preventiva' },
      { id: 'D+7', offsetDays: 7, channels: ['email', 'telefono'], template: 'primer-aviso', role: 'vendedor', stage: 'administrativa' },
    ],
    B: [
      { id: 'D-3', offsetDays: -3, channels: ['email'], template: 'recordatorio', role: 'vendedor', stage: 'preventiva' },
      { id: 'D+7', offsetDays: 7, channels: ['email'], template: 'primer-aviso', role: 'vendedor', stage: 'administrativa' },
      { id: 'D+30', offsetDays: 30, channels: ['telefono', 'email'], template: 'seguimiento', role: 'cobrador', stage: 'administrativa' },
      { id: 'D+60', offsetDays: 60, channels: ['telefono', 'carta'], template: 'escalamiento', role: 'supervisor', stage: 'extrajudicial' },
    ],
    C: [
      { id: 'D-5', offsetDays: -5, channels: ['email', 'whatsapp'], template: 'recordatorio', role: 'cobrador', stage: 'preventiva' },
      { id: 'D+7', offsetDays: 7, channels: ['telefono', 'whatsapp'], template: 'primer-aviso', role: 'cobrador', stage: 'administrativa' },
      { id: 'D+30', offsetDays: 30, channels: ['telefono', 'email'], template: 'seguimiento', role: 'cobrador', stage: 'administrativa' },
      { id: 'D+60', offsetDays: 60, channels: ['telefono', 'carta'], template: 'escalamiento', role: 'supervisor', stage: 'extrajudicial' },
      { id: 'D+90', offsetDays: 90, channels: ['carta', 'email'], template: 'intimacion', role: 'supervisor', stage: 'extrajudicial' },
    ],
  },
  caps: { maxContacts: 2, periodDays: 7 },
  amounts: { tolerance: 1, minOverdueToAct: 500 },
  promises: { graceDays: 3 },
  lookBackDays: 365,
};

export const DEFAULT_CALENDAR: CalendarSettings = {
  timeZone: 'America/Argentina/Buenos_Aires',
  businessWeekdays: [1, 2, 3, 4, 5],
  holidayCountry: 'AR',
  extraHolidays: [],
  extraWorkingDays: [],
};
