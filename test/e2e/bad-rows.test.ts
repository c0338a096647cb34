/** Issue "service" 12: bad ERP rows are skipped and counted; a bad customer e-mail does not break the digest. */
import { afterEach, describe, expect, it } from 'vitest';
import { count, DEMO_START, openDemoCompany, type Company } from './helpers';

let company: Company | null = null;
afterEach(async () => {
  await company?.close();
  company = null;
});

type Row = Record<string, unknown>;

describe('ERP rows with bad data', () => {
  it('are skipped, counted in COB_EJECUCION.FILAS_OMITIDAS and DETALLE, and the cycle goes on', async () => {
    company = await openDemoCompany({ tag: 'bad', demo: { badRows: true } });
    const { ctx } = company;
    const planted = (await ctx.db('DEMO_FILA_MALA').select()) as Row[];
    expect(planted.length).toBeGreaterThanOrEqual(6);
    const summary = await company.cycle(DEMO_START);
    expect(summary.counts.tasksCreated).toBeGreaterThan(0);
    // Every planted row is reported (the voucher without customer twice: history and installments).
    for (const p of planted) {
      expect(summary.issues.sample.some((i) => i.key.includes(String(p.CLAVE))), String(p.CLAVE)).toBe(true);
    }
    expect(summary.issues.count).toBe(summary.issues.sample.length);
    expect(summary.issues.count).toBeGreaterThanOrEqual(planted.length);

    const [run] = (await ctx.db(ctx.tables.ejecucion).select()) as Row[];
    expect(run).toMatchObject({ ESTADO: 'ok', FILAS_OMITIDAS: summary.issues.count });
    expect(String(run!.DETALLE)).toContain(`Filas omitidas por datos inválidos (ERP y personal): ${summary.issues.count}.`);
    expect(String(run!.DETALLE)).toContain('Importe de cuota negativo (-5000): se omite.');
    expect(String(run!.DETALLE)).toContain('Cuota sin fecha de vencimiento');
    // The bad customers and the voucher without customer never reach the add-on tables.
    for (const code of ['']) {
      expect(await count(ctx, ctx.tables.alerta, { COD_CLIENT: code })).toBe(0);
      expect(await count(ctx, ctx.tables.tarea, { COD_CLIENT: code })).toBe(0);
    }
    // Each skipped row is also logged as a warning.
    expect(company.lines.filter((l) => l.includes('WARN Fila omitida:'))).toHaveLength(summary.issues.count);
    // The bad amounts (negative, 5e12) do not leak into any alert.
    const max = (await ctx.db(ctx.tables.alerta).max({ m: 'SALDO_VENCIDO' })) as { m: number }[];
    expect(Number(max[0]!.m)).toBeLessThan(1e11);
  });

  it('an invalid customer e-mail in the ERP does not break the digest', async () => {
    company = await openDemoCompany({ tag: 'badmail' });
    const { ctx } = company;
    await company.cycle(DEMO_START);
    const tasks = (await ctx.db(ctx.tables.tarea).where({ ESTADO: 'pendiente' }).where('FECHA', '<=', DEMO_START).orderBy('ID').limit(3)) as Row[];
    const codes = tasks.map((t) => String(t.COD_CLIENT).trim());
    const bad = ['esto no es un correo', 'a@b@c..com; <x@y>', '"\r\nBcc: x@y.com" @'];
    for (const [i, code] of codes.entries()) {
      await ctx.db('GVA14').whereRaw('trim(COD_CLIENT) = ?', [code]).update({ E_MAIL: bad[i] });
    }
    for (const table of [ctx.tables.correo, ctx.tables.tarea, ctx.tables.alerta, ctx.tables.nivelHist, ctx.tables.cliente]) {
      await ctx.db(table).delete();
    }
    const summary = await company.cycle(DEMO_START);
    expect(summary.counts.mailsQueued).toBeGreaterThan(0);
    const sent = await company.send(new Date());
    expect(sent).toMatchObject({ failed: 0, sent: summary.counts.mailsQueued });
    const texts = ((await ctx.db(ctx.tables.correo).select('CUERPO_TEXTO')) as Row[]).map((r) => String(r.CUERPO_TEXTO)).join('\n');
    for (const code of codes) expect(texts).toContain(`(cód. ${code})`);
  });
});
