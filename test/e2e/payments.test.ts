/** Issue "write-back" 2: payments posted the way Tango records them close tasks and clear alerts. */
import { afterEach, describe, expect, it } from 'vitest';
import { payAllOverdue, postReceipt } from '../../connector/demo-erp';
import { addDays } from '../../rules/dates';
import { DEMO_START, openDemoCompany, overdueTruth, type Company } from './helpers';

let company: Company | null = null;
afterEach(async () => {
  await company?.close();
  company = null;
});

type Row = Record<string, unknown>;

/** Customers with an active (not suspended) alert and pending tasks of its overdue episode. */
async function chasedCustomers(c: Company): Promise<{ code: string; episode: string; taskIds: number[]; overdue: number }[]> {
  const { db, tables } = c.ctx;
  const alerts = (await db(tables.alerta).whereNull('SUSPENDIDA_POR').whereNotNull('EPISODIO').orderBy('COD_CLIENT')) as Row[];
  const out = [];
  for (const a of alerts) {
    const tasks = (await db(tables.tarea).where({ COD_CLIENT: a.COD_CLIENT, EPISODIO: a.EPISODIO, ESTADO: 'pendiente' })) as Row[];
    if (tasks.length === 0) continue;
    out.push({
      code: String(a.COD_CLIENT).trim(), episode: String(a.EPISODIO), taskIds: tasks.map((t) => Number(t.ID)),
      overdue: Number(a.SALDO_VENCIDO),
    });
  }
  return out;
}

describe('payments recorded in GVA07 + GVA46 reach the next cycle', () => {
  it('a full payment closes the customer\'s episode tasks (pagada / cliente_al_dia) and clears its alert; a partial one does not', async () => {
    company = await openDemoCompany({ tag: 'pay' });
    const { db, tables } = company.ctx;
    await company.cycle(DEMO_START);
    const chased = await chasedCustomers(company);
    expect(chased.length).toBeGreaterThanOrEqual(3);
    const [payer, partial, untouched] = chased as [typeof chased[0], typeof chased[0], typeof chased[0]];

    const day = addDays(DEMO_START, 1);
    expect(await payAllOverdue(db, payer.code, day)).not.toBeNull();

    // Partial: half of the oldest overdue installment, one GVA07 application.
    const oldest = (await db('DEMO_VERDAD')
      .where({ COD_CLIENT: partial.code })
      .where('PENDIENTE', '>', 1)
      .where('FECHA_VTO', '<', DEMO_START)
      .orderBy(['FECHA_VTO', 'T_COMP', 'N_COMP'])
      .first()) as { T_COMP: string; N_COMP: string; FECHA_VTO: string; PENDIENTE: number };
    const half = Math.round(Number(oldest.PENDIENTE) * 50) / 100;
    await postReceipt(db, {
      customerCode: partial.code, date: day,
      applications: [{ voucherType: oldest.T_COMP, voucherNumber: oldest.N_COMP, dueOn: oldest.FECHA_VTO, amount: half }],
    });

    const summary = await company.cycle(day);
    expect(summary.counts.tasksClosed).toBeGreaterThanOrEqual(payer.taskIds.length);

    // The payer: every task of the episode closed for the payment, the alert gone (or no longer overdue).
    const payerTasks = (await db(tables.tarea).whereIn('ID', payer.taskIds)) as Row[];
    expect(payerTasks).toHaveLength(payer.taskIds.length);
    for (const t of payerTasks) {
      expect(t.ESTADO).toBe('cerrada');
      expect(['pagada', 'cliente_al_dia']).toContain(t.MOTIVO_CIERRE);
      expect(t.CERRADA).not.toBeNull();
    }
    const payerOpenOverdue = await db(tables.tarea).where({ COD_CLIENT: payer.code, ESTADO: 'pendiente' }).whereNot('ETAPA', 'preventiva');
    expect(payerOpenOverdue).toHaveLength(0);
    const payerAlert = (await db(tables.alerta).where({ COD_CLIENT: payer.code }).first()) as Row | undefined;
    if (payerAlert) {
      expect(Number(payerAlert.SALDO_VENCIDO)).toBe(0);
      expect(payerAlert.EPISODIO).toBeNull();
    }

    // The partial payer: same episode, tasks still open, overdue balance down by exactly what was paid.
    const partialTasks = (await db(tables.tarea).whereIn('ID', partial.taskIds)) as Row[];
    expect(partialTasks.map((t) => t.ESTADO)).toEqual(partial.taskIds.map(() => 'pendiente'));
    const partialAlert = (await db(tables.alerta).where({ COD_CLIENT: partial.code }).first()) as Row;
    expect(String(partialAlert.EPISODIO)).toBe(partial.episode);
    const truth = await overdueTruth(company.ctx, day);
    expect(Number(partialAlert.SALDO_VENCIDO)).toBeCloseTo(truth.get(partial.code) ?? -1, 2);
    expect(Number(partialAlert.SALDO_VENCIDO)).toBeLessThan(partial.overdue);

    // A customer nobody paid for keeps its tasks.
    const other = (await db(tables.tarea).whereIn('ID', untouched.taskIds)) as Row[];
    expect(other.map((t) => t.ESTADO)).toEqual(untouched.taskIds.map(() => 'pendiente'));
  });
});
