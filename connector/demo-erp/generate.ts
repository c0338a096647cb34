/**
 * Builds the Tango-shaped demo ERP: a new SQLite file with sellers, customers
 * of every payment behaviour, vouchers, applications and cheques, plus the
 * generator's ground truth (DEMO_VERDAD, DEMO_CLIENTE, DEMO_INFO). Rows are
 * streamed through prepared multi-row INSERTs inside transactions, so memory
 * stays flat from a few dozen customers to a million installments.
 */
import { existsSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { IsoDate } from '../../rules/types';
import { behaviourFor, quotaFactor } from './behaviours';
import { writeBadRows } from './bad-rows';
import { writeCustomerHistory, type Counters, type CustomerSpec } from './customer-history';
import { INDEXES_DDL, TABLES_DDL, VOUCHER_TYPES } from './ddl';
import { address, businessName, cuit, email, landline, mobile, sellerName, soleTraderName, TRICKY_NAMES } from './names';
import { Random } from './random';
import { flushAll, openSinks } from './sinks';
import { cents, dayNumber, NO_DATE, tangoDay } from './tango-format';

export interface DemoOptions {
  file: string;
  seed: number;
  asOf: IsoDate;
  /** Number of customers (default: 60, or installments / 25 when installments is given). */
  customers?: number;
  /** Approximate number of installments (default: 25 per customer). */
  installments?: number;
  /** Rows per multi-row INSERT (default 500). */
  batchSize?: number;
  /** Add a few rows the profile must skip and report (default false). */
  badRows?: boolean;
}

export interface DemoSummary {
  file: string;
  seed: number;
  asOf: IsoDate;
  customers: number;
  sellers: number;
  vouchers: number;
  installments: number;
  applications: number;
  cheques: number;
  badRows: number;
  elapsedMs: number;
}

const SELLERS: readonly (readonly [string, string, string])[] = [
  ['**', 'VENTAS CONTADO', ''],
  ['01', sellerName(0), 'grinaldi@empresa-demo.com.ar'],
  ['02', sellerName(1), ''],
  ['03', sellerName(2), 'hquiroga@empresa-demo.com.ar'],
  ['04', sellerName(3), ''],
  ['05', sellerName(4), ''],
  ['06', sellerName(5), ''],
];
const CUSTOMERS_PER_TRANSACTION = 500;
const SHORT_CODE_EVERY = 12;

/** Canonical (trimmed) customer code; every 12th customer has a short code stored padded. */
function customerCode(i: number): { code: string; shortCode: boolean } {
  const shortCode = i % SHORT_CODE_EVERY === 5 && i + 1 <= 99_999;
  return { code: shortCode ? `C${i + 1}` : String(i + 1).padStart(6, '0'), shortCode };
}

export async function generateDemoErp(opts: DemoOptions): Promise<DemoSummary> {
  const started = Date.now();
  const customers = opts.customers ?? (opts.installments ? Math.max(60, Math.round(opts.installments / 25)) : 60);
  const targetInstallments = opts.installments ?? customers * 25;
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (existsSync(opts.file + suffix)) rmSync(opts.file + suffix);
  }
  const db = new DatabaseSync(opts.file);
  db.exec('PRAGMA journal_mode = OFF');
  db.exec('PRAGMA synchronous = OFF');
  db.exec('PRAGMA cache_size = -16384');
  for (const ddl of TABLES_DDL) db.exec(ddl);

  const r = new Random(opts.seed);
  const asOf = dayNumber(opts.asOf);
  const sinks = openSinks(db, opts.batchSize ?? 500);
  const counters: Counters = { invoice: 0, creditNote: 0, debitNote: 0, receipt: 0, cheque: 0 };
  let installments = 0;
  let badRows = 0;

  try {
    db.exec('BEGIN');
    for (const t of VOUCHER_TYPES) db.prepare('INSERT INTO GVA15 (IDENT_COMP, DESCRIP, TIPO_COMP) VALUES (?, ?, ?)').run(...t);
    for (const s of SELLERS) sinks.gva23.add([...s]);

    let advanceForced = false;
    for (let i = 0; i < customers; i++) {
      if (i > 0 && i % CUSTOMERS_PER_TRANSACTION === 0) {
        db.exec('COMMIT');
        db.exec('BEGIN');
      }
      const { code, shortCode } = customerCode(i);
      const behaviour = behaviourFor(i, r);
      const remaining = Math.max(0, targetInstallments - installments);
      const fair = remaining / (customers - i);
      let quota = Math.max(1, Math.round(fair * quotaFactor(behaviour) * r.between(0.5, 1.5)));
      if (behaviour === 'nuevo') quota = Math.min(quota, r.int(1, 3));
      if (i === customers - 1) quota = Math.max(1, remaining);
      const createdOn = behaviour === 'nuevo' ? asOf - r.int(10, 60) : asOf - r.int(600, 3000);
      const inactiveSince = behaviour === 'inactivo' ? asOf - r.int(30, 200) : null;
      const sellerCode = i === 0 ? '**' : r.chance(0.05) ? '**' : (r.pick(SELLERS.slice(1)) as readonly string[])[0] as string;
      const forceAdvance: boolean = !advanceForced && behaviour === 'puntual';
      advanceForced ||= forceAdvance;

      const spec: CustomerSpec = {
        code,
        voucherCode: shortCode ? () => (r.chance(0.5) ? code.padStart(6, ' ') : code) : () => code,
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
      sinks.gva14.add([
        shortCode ? code.padEnd(6, ' ') : code,
        name,
        cuit(r, company),
        addr.street,
        addr.locality,
        mail,
        noPhones ? '' : landline(r, addr.areaCode),
        noPhones || r.chance(0.6) ? '' : mobile(r, addr.areaCode),
        sellerCode,
        tangoDay(createdOn),
        inactiveSince === null ? NO_DATE : tangoDay(inactiveSince),
        r.chance(0.15) ? r.int(5, 100) * 100_000 : 0,
        cents(h.balance - h.onAccount),
        spec.foreignCurrency ? 1 : 0,
      ]);
      sinks.cliente.add([code, behaviour, h.onAccount, h.chequesInPortfolio]);
    }
    if (opts.badRows) badRows = writeBadRows(sinks, counters, customerCode(0).code, asOf);
    flushAll(sinks);
    const info = db.prepare('INSERT INTO DEMO_INFO (CLAVE, VALOR) VALUES (?, ?)');
    for (const [k, v] of [
      ['semilla', opts.seed], ['fecha_corte', opts.asOf], ['clientes', customers], ['cuotas', installments],
      ['filas_malas', badRows],
    ] as const) info.run(k, String(v));
    db.exec('COMMIT');
    for (const ddl of INDEXES_DDL) db.exec(ddl);
    db.exec('ANALYZE');
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  } finally {
    db.close();
  }
  return {
    file: opts.file,
    seed: opts.seed,
    asOf: opts.asOf,
    customers,
    sellers: SELLERS.length,
    vouchers: sinks.gva12.count,
    installments,
    applications: sinks.gva07.count,
    cheques: sinks.sba14.count,
    badRows,
    elapsedMs: Date.now() - started,
  };
}
