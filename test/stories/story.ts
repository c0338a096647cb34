/**
 * Day-by-day stories on the demo ERPs: a company runs one cycle per business
 * day while the test posts payments, receipts on account, promises, disputes
 * and tier overrides, and reads what staff receive each day (the digest text
 * in the outbox) and what the ERP shows (COB_ALERTA). Payments go through the
 * ERP's own tables, the way each ERP records them.
 */
import { rmSync } from 'node:fs';
import type { Knex } from 'knex';
import { migrate } from '../../connector/addon/migrations';
import { generateDemoErp } from '../../connector/demo-erp';
import { postReceipt } from '../../connector/demo-erp/post-receipt';
import { generateBejermanDemo } from '../../connector/demo-erp-bejerman';
import { sqlDialect } from '../../connector/dialect/sql-dialect';
import { addDays } from '../../rules/dates';
import type { IsoDate } from '../../rules/types';
import { DEMO_START, demoConfig, type DemoErp } from '../../service/cli/commands-demo';
import { closeCompany, openCompany, type CompanyContext } from '../../service/context';
import { runCycle } from '../../service/cycle/run-cycle';
import { DEMO_SEED, erpFileOf, memoryLogger, morningOf, tempFolder } from '../e2e/helpers';

export { DEMO_START };

/** One customer's entry in a digest, as staff read it. */
export interface Entry {
  /** Recipient of the digest. */
  to: string;
  code: string;
  name: string;
  tier: string;
  /** The entry's full text, from its heading to the line that records the result. */
  text: string;
}

/** What a pre-parsed digest day holds. */
export interface Day {
  date: IsoDate;
  digests: { to: string; text: string }[];
  entries: Entry[];
  /** COB_ALERTA.MENSAJE per customer after the day's cycle. */
  alerts: Map<string, string>;
}

export interface Story {
  erp: DemoErp;
  ctx: CompanyContext;
  /** Runs the cycle of `date` and returns that day's digests. */
  run(date: IsoDate): Promise<Day>;
  /** Open installments of a customer per the generator's ground truth, oldest first. */
  openInstallments(code: string, asOf: IsoDate): Promise<{ dueOn: IsoDate; pending: number }[]>;
  /** Pays `amount` (default: all of it) of the customer's oldest open installment due by `date`; returns what was paid. */
  payOldest(code: string, date: IsoDate, amount?: number): Promise<number>;
  /** Pays every installment due by `date`, in full; returns how many were paid. */
  payAll(code: string, date: IsoDate): Promise<number>;
  /** A receipt kept on account (not applied to any installment). */
  receiveOnAccount(code: string, date: IsoDate, amount: number): Promise<void>;
  close(): Promise<void>;
}

const ENTRY_HEAD = /^(\d+)\. (.+) \(cód\. ([^)]+)\) — NIVEL ([ABC])$/m;

/** Splits a digest's text into its customers' entries. */
export function entriesOf(to: string, text: string): Entry[] {
  const out: Entry[] = [];
  for (const block of text.split(/\n={70}\n/)) {
    const m = ENTRY_HEAD.exec(block);
    if (!m || m.index !== 0) continue;
    out.push({ to, name: m[2]!, code: m[3]!, tier: m[4]!, text: block });
  }
  return out;
}

async function digestsOf(ctx: CompanyContext, date: IsoDate): Promise<{ to: string; text: string }[]> {
  const rows = (await ctx.db(ctx.tables.correo)
    .where({ TIPO: 'resumen', FECHA: date })
    .orderBy('DESTINATARIO')
    .select('DESTINATARIO', 'CUERPO_TEXTO')) as { DESTINATARIO: string; CUERPO_TEXTO: string }[];
  return rows.map((r) => ({ to: r.DESTINATARIO, text: r.CUERPO_TEXTO }));
}

/** Business days from `from` to `to`, both included. */
export function businessDays(ctx: CompanyContext, from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (ctx.calendar.isBusinessDay(d)) out.push(d);
  return out;
}

interface Ledger {
  openInstallments(db: Knex, code: string, asOf: IsoDate): Promise<{ dueOn: IsoDate; pending: number; key: unknown }[]>;
  pay(db: Knex, code: string, date: IsoDate, key: unknown, amount: number): Promise<void>;
  onAccount(db: Knex, code: string, date: IsoDate, amount: number): Promise<void>;
}

const round = (n: number): number => Math.round(n * 100) / 100;

const LEDGERS: Record<DemoErp, Ledger> = {
  tango: {
    async openInstallments(db, code, asOf) {
      const rows = (await db('DEMO_VERDAD')
        .where({ COD_CLIENT: code })
        .where('PENDIENTE', '>', 0.01)
        .where('FECHA_VTO', '<', asOf)
        .orderBy(['FECHA_VTO', 'T_COMP', 'N_COMP'])
        .select('T_COMP', 'N_COMP', 'FECHA_VTO', 'PENDIENTE')) as { T_COMP: string; N_COMP: string; FECHA_VTO: string; PENDIENTE: number }[];
      return rows.map((r) => ({ dueOn: r.FECHA_VTO, pending: round(Number(r.PENDIENTE)), key: r }));
    },
    async pay(db, code, date, key, amount) {
      const r = key as { T_COMP: string; N_COMP: string; FECHA_VTO: string };
      await postReceipt(db, {
        customerCode: code, date, applications: [{ voucherType: r.T_COMP, voucherNumber: r.N_COMP, dueOn: r.FECHA_VTO, amount }],
      });
    },
    async onAccount(db, code, date, amount) {
      await postReceipt(db, { customerCode: code, date, applications: [], onAccount: amount });
    },
  },
  bejerman: {
    async openInstallments(db, code, asOf) {
      const d = sqlDialect(db);
      const rows = (await db('CabVenta')
        .where(d.trim(db, 'cve_CodCli'), '=', code)
        .whereIn('cvetco_Cod', ['FC', 'ND'])
        .where('cve_Anulado', 0)
        .where('cve_SaldoMonLoc', '>', 0.01)
        .where('cve_FVto', '<', d.dateParam(asOf))
        .orderBy(['cve_FVto', 'cve_ID'])
        .select('cve_ID', 'cve_FVto', 'cve_SaldoMonLoc')) as { cve_ID: number; cve_FVto: string; cve_SaldoMonLoc: number }[];
      return rows.map((r) => ({ dueOn: String(r.cve_FVto).slice(0, 10), pending: round(Number(r.cve_SaldoMonLoc)), key: r.cve_ID }));
    },
    // A receipt row (RC) in CabVenta and the installment's running balance lowered, as Bejerman keeps them.
    async pay(db, code, date, key, amount) {
      await bejermanReceipt(db, code, date, amount, 0);
      const d = sqlDialect(db);
      await db('CabVenta').where('cve_ID', key as number).update({
        cve_SaldoMonLoc: db.raw('ROUND(cve_SaldoMonLoc - ?, 2)', [amount]), cve_FecMod: d.dateTimeParam(date, '10:00:00'),
      });
    },
    async onAccount(db, code, date, amount) {
      await bejermanReceipt(db, code, date, amount, amount);
    },
  },
};

async function bejermanReceipt(db: Knex, code: string, date: IsoDate, amount: number, left: number): Promise<void> {
  const d = sqlDialect(db);
  const last = (await db('CabVenta').where('cvetco_Cod', 'RC').max({ n: 'cve_Nro' }).first()) as { n: string | null };
  const seller = (await db('Clientes').where(d.trim(db, 'cli_Cod'), '=', code).first('cliven_Cod')) as { cliven_Cod: string };
  await db('CabVenta').insert({
    cve_Circuito: 'V', cvetco_Cod: 'RC', cve_Letra: 'X', cve_CodPvt: '0001',
    cve_Nro: String(Number(last?.n ?? 0) + 1).padStart(8, '0'), cve_NroCuota: 1, cve_CodCli: code,
    cve_FEmision: d.dateParam(date), cve_FVto: d.dateParam(date), cve_ImpMonLoc: -amount, cve_SaldoMonLoc: -left,
    cveven_Cod: seller.cliven_Cod, cve_Anulado: 0, cve_FecMod: d.dateTimeParam(date, '10:00:00'),
  });
}

export async function openStory(erp: DemoErp): Promise<Story> {
  const dir = tempFolder(`story-${erp}`);
  const config = demoConfig(dir, erp);
  const file = erpFileOf(config);
  if (erp === 'tango') await generateDemoErp({ file, seed: DEMO_SEED, asOf: DEMO_START });
  else await generateBejermanDemo({ file, seed: DEMO_SEED, asOf: DEMO_START });
  const { logger } = memoryLogger();
  const ctx = await openCompany(config, logger);
  await migrate(ctx.db, ctx.tables);
  const ledger = LEDGERS[erp];
  return {
    erp,
    ctx,
    async run(date) {
      await runCycle(ctx, { asOf: date, now: () => morningOf(date) });
      const digests = await digestsOf(ctx, date);
      const alerts = (await ctx.db(ctx.tables.alerta).select('COD_CLIENT', 'MENSAJE')) as { COD_CLIENT: string; MENSAJE: string }[];
      return {
        date, digests, entries: digests.flatMap((d) => entriesOf(d.to, d.text)),
        alerts: new Map(alerts.map((a) => [a.COD_CLIENT.trim(), a.MENSAJE])),
      };
    },
    async openInstallments(code, asOf) {
      return (await ledger.openInstallments(ctx.db, code, asOf)).map(({ dueOn, pending }) => ({ dueOn, pending }));
    },
    async payOldest(code, date, amount) {
      const oldest = (await ledger.openInstallments(ctx.db, code, addDays(date, 1)))[0];
      if (!oldest) throw new Error(`${code} no tiene cuotas vencidas`);
      const paid = round(amount ?? oldest.pending);
      await ledger.pay(ctx.db, code, date, oldest.key, paid);
      return paid;
    },
    async payAll(code, date) {
      const open = await ledger.openInstallments(ctx.db, code, addDays(date, 1));
      for (const i of open) await ledger.pay(ctx.db, code, date, i.key, i.pending);
      return open.length;
    },
    receiveOnAccount: (code, date, amount) => ledger.onAccount(ctx.db, code, date, amount),
    async close() {
      await closeCompany(ctx);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
