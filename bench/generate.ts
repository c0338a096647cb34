/**
 * Generates a large demo ERP and times the profile's reads over it.
 * Usage: npx tsx bench/generate.ts [installments=1000000] [file=/tmp/cadencia-bench.sqlite]
 * Peak memory: /usr/bin/time -v npx tsx bench/generate.ts
 */
import { openDatabase } from '../connector/connection';
import { generateDemoErp } from '../connector/demo-erp';
import { tangoProfile } from '../connector/profiles/tango';

const installments = Number(process.argv[2] ?? 1_000_000);
const file = process.argv[3] ?? '/tmp/cadencia-bench.sqlite';
const asOf = '2025-06-30';

const summary = await generateDemoErp({ file, seed: 1, asOf, installments, batchSize: 1000 });
console.log(`generación: ${summary.installments} cuotas, ${summary.customers} clientes, ${summary.vouchers} comprobantes, ` +
  `${summary.applications} aplicaciones en ${(summary.elapsedMs / 1000).toFixed(1)} s`);

const db = openDatabase({ kind: 'sqlite', file, readonly: true });
const opts = { asOf, lookBackDays: 365, lateThresholdDays: 15, tolerance: 1 };
const issues: unknown[] = [];
const time = async (name: string, it: AsyncIterable<unknown>): Promise<void> => {
  const t = Date.now();
  let n = 0;
  for await (const _ of it) n += 1;
  console.log(`${name}: ${n} filas en ${((Date.now() - t) / 1000).toFixed(1)} s`);
};
await time('cuotas pendientes', tangoProfile.openInstallments(db, opts, (i) => issues.push(i)));
await time('comportamiento de pago', tangoProfile.paymentBehaviour(db, opts, (i) => issues.push(i)));
await time('dinero sin aplicar', tangoProfile.unappliedMoney(db, opts, (i) => issues.push(i)));
await time('clientes', tangoProfile.customers(db, (i) => issues.push(i)));
console.log(`RSS máximo del proceso: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
await db.destroy();
