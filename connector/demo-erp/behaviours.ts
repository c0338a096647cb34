/**
 * Payment behaviours of demo customers (DEMO_CLIENTE.PERFIL) and how each one
 * pays an installment: when (days after the due date) and how much.
 */
import type { Random } from './random';

export const BEHAVIOURS = [
  'puntual',
  'a_veces_tarde',
  'moroso_cronico',
  'pago_parcial',
  'nunca_paga',
  'nuevo',
  'inactivo',
  'clausula_moneda',
] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

const WEIGHTS: Record<Behaviour, number> = {
  puntual: 30,
  a_veces_tarde: 25,
  moroso_cronico: 12,
  pago_parcial: 8,
  nunca_paga: 4,
  nuevo: 8,
  inactivo: 5,
  clausula_moneda: 8,
};

/** The first customers take every behaviour once, so even a tiny demo has them all. */
export function behaviourFor(index: number, r: Random): Behaviour {
  if (index < BEHAVIOURS.length) return BEHAVIOURS[index] as Behaviour;
  return r.weighted(BEHAVIOURS.map((b) => [b, WEIGHTS[b]] as const));
}

/** Share of a customer's fair quota of installments: new customers have few, bad payers got cut off. */
export function quotaFactor(b: Behaviour): number {
  if (b === 'nunca_paga') return 0.4;
  if (b === 'inactivo') return 0.6;
  return 1;
}

/** Chance that a late installment gets a debit note (interest) applied to it. */
export function debitNoteChance(b: Behaviour): number {
  if (b === 'moroso_cronico') return 0.3;
  if (b === 'pago_parcial' || b === 'nunca_paga') return 0.2;
  if (b === 'a_veces_tarde') return 0.1;
  return 0;
}

/** Customers that sometimes leave money on account (advances, rounding up). */
export function leavesMoneyOnAccount(b: Behaviour): boolean {
  return b === 'puntual' || b === 'a_veces_tarde' || b === 'clausula_moneda';
}

export interface Payment {
  /** Days after the due date (negative = early). */
  delay: number;
  /** Share of what is owed at that moment. */
  fraction: number;
  /** Factor over what is owed (> 1 over-applies: exchange difference, double application). */
  over: number;
}

export function paymentPlan(b: Behaviour, r: Random): Payment[] {
  const full = (delay: number, over = 1): Payment => ({ delay, fraction: 1, over });
  switch (b) {
    case 'puntual':
      return [full(r.int(-7, 3))];
    case 'a_veces_tarde':
      return [full(r.chance(0.75) ? r.int(-3, 7) : r.int(15, 60), r.chance(0.02) ? r.between(1.01, 1.03) : 1)];
    case 'moroso_cronico':
      return r.chance(0.1) ? [] : [full(r.int(20, 150))];
    case 'pago_parcial': {
      const first: Payment = { delay: r.int(0, 30), fraction: r.between(0.3, 0.7), over: 1 };
      return r.chance(0.6) ? [first, full(r.int(40, 120))] : [first];
    }
    case 'nunca_paga':
      return [];
    case 'nuevo':
      return [full(r.int(-5, 5))];
    case 'inactivo':
      return r.chance(0.9) ? [full(r.int(0, 20))] : [];
    case 'clausula_moneda':
      return [full(r.int(-3, 20), r.chance(0.4) ? r.between(1.005, 1.04) : 1)];
  }
}
