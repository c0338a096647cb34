/**
 * Builds the Bejerman-shaped demo ERP: a new SQLite file with Vendedor,
 * Clientes, TipComp and CabVenta (one row per installment with its running
 * balance), plus the generator's ground truth (DEMO_VERDAD, DEMO_CLIENTE,
 * DEMO_FILA_MALA, DEMO_INFO). Same behaviours as the Tango demo; the same
 * seed always yields the same database.
 */
import { existsSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { IsoDate } from '../../rules/types';
import { behaviourFor, quotaFactor } from '../demo-erp/behaviours';
import { businessName, cuit, email, landline, mobile, address, sellerName, soleTraderName, TRICKY_NAMES } from '../demo-erp/names';
import { Random } from '../demo-erp/random';
import { dayNumber } from '../demo-erp/tango-format';
import { writeBadRows } from './bad-rows';
import { bejermanDay, bejermanStamp } from './bejerman-format';
import { writeCustomerHistory, type Counters, type CustomerSpec } from './customer-history';
import { INDEXES_DDL, TABLES_DDL, VOUCHER_TYPES } from './ddl';
import { flushAll, openSinks } from './sinks';

export interface BejermanDemoOptions {
  file: string;
  seed: number;
  asOf: IsoDate;
  /** Number of customers (default 60). */
  customers?: number;
  /** Rows per multi-row INSERT (default 500). */
  batchSize?: number;
  /** Add a few rows the profile must skip and report (default false). */
  badRows?: boolean;
}

export interface BejermanDemoSummary {
  file: string;
  seed: number;
  asOf: IsoDate;
  customers: number;
  sellers: number;
  rows: number;
  installments: number;
  badRows: number;
}

const SELLERS: readonly (readonly [string, string, string, number])[] = [
  ['99', 'MOSTRADOR', '', 1],
  ['01', sellerName(0), 'grinaldi@empresa-demo.com.ar', 1],
  ['02', sellerName(1), '', 1],
  ['03', sellerName(2), 'hquiroga@empresa-demo.com.ar', 1],
  ['04', sellerName(3), '', 1],
  ['05', sellerName(4), '', 0],
];
const SHORT_CODE_EVERY = 12;
const INSTALLMENTS_PER_CUSTOMER = 25;

function customerCode(i: number): { code: string; shortCode: boolean } {
  const shortCode = i % SHORT_CODE_EVERY === 5 && i + 1 <= 99_999;
  return { code: shortCode ? `C${i + 1}` : String(i + 1).padStart(6, '0'), shortCode };
}

export async function generateBejermanDemo(opts: BejermanDemoOptions): Promise<BejermanDemoSummary> {
  const customers = opts.customers ?? 60;
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (existsSync(opts.file + suffix)) rmSync(opts.file + suffix);
  }
  const db = new DatabaseSync(opts.file);
  db.exec('PRAGMA journal_mode = OFF');
  db.exec('PRAGMA synchronous = OFF');
  for (const ddl of TABLES_DDL) db.exec(ddl);

  const r = new Random(opts.seed);
  const asOf = dayNumber(opts.asOf);
  const sinks = openSinks(db, opts.batchSize ?? 500);
  const counters: Counters = { invoice: 0, creditNote: 0, debitNote: 0, receipt: 0 };
  let installments = 0;
  let badRows = 0;
  try {
    db.exec('BEGIN');
    const tipComp = db.prepare('INSERT INTO TipComp (tco_Circuito, tco_Cod, tco_Desc, tco_TipoFijo) VALUES (?, ?, ?, ?)');
    for (const t of VOUCHER_TYPES) tipComp.run(...t);
    for (const s of SELLERS) sinks.vendedor.add([...s]);

    let advanceForced = false;
    for (let i = 0; i < customers; i++) {
      const { code, shortCode } = customerCode(i);
      const behaviour = behaviourFor(i, r);
      let quota = Math.max(1, Math.round(INSTALLMENTS_PER_CUSTOMER * quotaFactor(behaviour) * r.between(0.5, 1.5)));
      if (behaviour === 'nuevo') quota = Math.min(quota, r.int(1, 3));
      const createdOn = behaviour === 'nuevo' ? asOf - r.int(10, 60) : asOf - r.int(600, 3000);
      const inactiveSince = behaviour === 'inactivo' ? asOf - r.int(30, 200) : null;
      const sellerCode = i === 0 ? '99' : (r.pick(SELLERS.slice(1)) as readonly [string, string, string, number])[0];
      const forceAdvance: boolean = !advanceForced && behaviour === 'puntual';
      advanceForced ||= forceAdvance;
      const spec: CustomerSpec = {
        code,
        storedCode: shortCode ? () => (r.chance(0.5) ? code.padStart(6, ' ') : code) : () => code,
        behaviour,
        sellerCode,
        createdOn,
        inactiveSince,
        quota,
        foreignCurrency: behaviour === 'clausula_moneda',
        forceAdvance,
      };
      const h = writeCustomerHistory({ r, asOf, sinks, counters }, spec);
      installments += h.installments;

      const company = r.chance(0.85);
      const name = i === 3 || i === 4 ? (TRICKY_NAMES[i - 3] as string) : company ? businessName(r) : soleTraderName(r);
      const addr = address(r);
      const mail = i === 1 || (i > 7 && r.chance(0.12)) ? '' : email(r, name);
      const noPhones = i === 2 || (i > 7 && r.chance(0.1));
      sinks.clientes.add([
        shortCode ? code.padEnd(6, ' ') : code,
        name,
        cuit(r, company).replace(/-/g, ''),
        mail,
        noPhones ? '' : landline(r, addr.areaCode),
        noPhones || r.chance(0.6) ? '' : mobile(r, addr.areaCode),
        sellerCode,
        bejermanDay(createdOn),
        bejermanStamp(inactiveSince ?? createdOn + r.int(0, 30), r.int(480, 719)),
        inactiveSince === null ? 1 : 0,
        r.chance(0.15) ? r.int(5, 100) * 100_000 : null,
      ]);
      sinks.cliente.add([code, behaviour, h.onAccount]);
    }
    if (opts.badRows) badRows = writeBadRows(sinks, counters, customerCode(0).code, asOf);
    flushAll(sinks);
    const info = db.prepare('INSERT INTO DEMO_INFO (CLAVE, VALOR) VALUES (?, ?)');
    for (const [k, v] of [
      ['erp', 'bejerman'], ['semilla', opts.seed], ['fecha_corte', opts.asOf], ['clientes', customers],
      ['cuotas', installments], ['filas_malas', badRows],
    ] as const) info.run(k, String(v));
    db.exec('COMMIT');
    for (const ddl of INDEXES_DDL) db.exec(ddl);
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  } finally {
    db.close();
  }
  return {
    file: opts.file, seed: opts.seed, asOf: opts.asOf, customers, sellers: SELLERS.length,
    rows: sinks.cabventa.count, installments, badRows,
  };
}
