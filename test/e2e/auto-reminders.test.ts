/**
 * Issue 18 (2, 4, 5): automatic pre-due reminders for tiers A and B over a
 * week of cycles on the demo, through a real SMTP server on 127.0.0.1.
 *
 * The expectation is computed apart from the planner, from the ERP's ground
 * truth (DEMO_VERDAD: pending per installment and due date) and GVA14's
 * e-mails: a customer of tier A or B, with no overdue debt worth acting on,
 * gets a reminder on a sending day for the earliest due date within the next
 * 3 days it has not been reminded about yet (one mail a day: another due
 * date waits for the next day, unless it falls due first), provided it has a
 * valid address and nobody marked it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfText } from '../web/pdf-text';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordContact, setCustomerFlags } from '../../connector/addon/staff-input';
import { addDays } from '../../rules/dates';
import { readOptions } from '../../service/cycle/read-and-plan';
import type { IsoDate, Tier } from '../../rules/types';
import type { Received } from '../mail/helpers';
import { openDatabase } from '../../connector/connection';
import { generateDemoErp } from '../../connector/demo-erp/generate';
import { runCli, writeIni } from './cli-process';
import { buildPeriodReport } from '../../service/reports/load-report';
import { reportView } from '../../service/reports/report-view';
import { printStatus } from '../../service/cli/commands-run';
import {
  DEMO_SEED, DEMO_START, morningOf, openDemoCompany, pesos, smtpMail, startSmtp, type Company, type TestSmtp,
} from './helpers';

type Row = Record<string, unknown>;
const SLOW = 240_000;
const WEEK: IsoDate[] = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'];

let smtp: TestSmtp;
let company: Company;
/** Customer mails queued by each cycle, as the cycle summary says. */
const queuedBy: { day: IsoDate; at: string; queued: number; staff: number }[] = [];
/** What the independent model expects: day → customer → due date reminded. */
const expected = new Map<IsoDate, Map<string, IsoDate>>();
let planted: { noContact: string; promise: string };
/** Tiers the cycles decided, per day (after the day's first cycle). */
const tiersByDay = new Map<IsoDate, Map<string, Tier>>();

function ddmmyyyy(d: IsoDate): string {
  const [y, m, day] = d.split('-');
  return `${day}/${m}/${y}`;
}

function addressesOf(text: unknown): string[] {
  return String(text ?? '').split(/[;,]/).map((s) => s.trim()).filter((s) => /^[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}$/i.test(s));
}


async function tiers(c: Company): Promise<Map<string, Tier>> {
  const rows = (await c.ctx.db(c.ctx.tables.cliente).select('COD_CLIENT', 'NIVEL')) as Row[];
  return new Map(rows.filter((r) => r.NIVEL).map((r) => [String(r.COD_CLIENT).trim(), String(r.NIVEL) as Tier]));
}

interface Truth {
  /** customer → due date → pending amounts of its installments. */
  due: Map<string, Map<IsoDate, number[]>>;
  emails: Map<string, string[]>;
  names: Map<string, string>;
  /** Money the customer sent and is not applied yet (receipts on account, cheques in portfolio), from the ERP. */
  unapplied: Map<string, number>;
}

async function truth(c: Company): Promise<Truth> {
  const tol = c.config.rules.amounts.tolerance;
  const due = new Map<string, Map<IsoDate, number[]>>();
  for (const r of (await c.ctx.db('DEMO_VERDAD').where('PENDIENTE', '>', tol).select('COD_CLIENT', 'FECHA_VTO', 'PENDIENTE')) as Row[]) {
    const code = String(r.COD_CLIENT).trim();
    const byDate = due.get(code) ?? new Map<IsoDate, number[]>();
    byDate.set(String(r.FECHA_VTO), [...(byDate.get(String(r.FECHA_VTO)) ?? []), Number(r.PENDIENTE)]);
    due.set(code, byDate);
  }
  const customers = (await c.ctx.db('GVA14').select('COD_CLIENT', 'E_MAIL', 'RAZON_SOCI')) as Row[];
  const unapplied = new Map<string, number>();
  for await (const u of c.ctx.profile.unappliedMoney(c.ctx.db, readOptions(c.ctx, DEMO_START), () => undefined)) {
    unapplied.set(u.customerCode, Math.max(0, u.onAccount) + Math.max(0, u.chequesInPortfolio));
  }
  return {
    unapplied,
    due,
    emails: new Map(customers.map((r) => [String(r.COD_CLIENT).trim(), addressesOf(r.E_MAIL)])),
    names: new Map(customers.map((r) => [String(r.COD_CLIENT).trim(), String(r.RAZON_SOCI).trim()])),
  };
}

/**
 * The model's day: drops reminders whose due date came, adds the due dates
 * within 3 days, and (on a sending day) reminds each eligible customer about
 * its earliest one.
 */
function modelDay(
  day: IsoDate, t: Truth, tierOf: Map<string, Tier>, pending: Map<string, Set<IsoDate>>, reminded: Map<string, Set<IsoDate>>,
  sends: boolean, excluded: ReadonlySet<string>, minOverdue: number, tol: number,
): Map<string, IsoDate> {
  const out = new Map<string, IsoDate>();
  for (const [code, byDate] of t.due) {
    const overdue = [...byDate].filter(([d]) => d < day).flatMap(([, a]) => a).reduce((s, a) => s + a, 0);
    const mine = pending.get(code) ?? new Set<IsoDate>();
    pending.set(code, mine);
    const done = reminded.get(code) ?? new Set<IsoDate>();
    reminded.set(code, done);
    for (const d of [...mine]) if (d <= day) mine.delete(d);
    const tier = tierOf.get(code);
    if (overdue >= minOverdue || (tier !== 'A' && tier !== 'B')) {
      mine.clear();
      continue;
    }
    for (const d of byDate.keys()) if (d > day && d <= addDays(day, 3) && !done.has(d)) mine.add(d);
    // Money sent and not applied that covers what the reminders are about: nobody is reminded.
    const atStake = [...mine].flatMap((d) => byDate.get(d) ?? []).reduce((s, a) => s + a, 0);
    const money = t.unapplied.get(code) ?? 0;
    if (money > tol && atStake > tol && money >= atStake - tol) {
      mine.clear();
      continue;
    }
    if (!sends || mine.size === 0 || excluded.has(code) || (t.emails.get(code) ?? []).length === 0) continue;
    const first = [...mine].sort()[0]!;
    mine.delete(first);
    done.add(first);
    out.set(code, first);
  }
  return out;
}

function customerMails(server: TestSmtp): Received[] {
  return server.received.filter((r) => (r.mail.attachments ?? []).some((a) => a.contentType === 'application/pdf'));
}

async function outboxRows(c: Company): Promise<Row[]> {
  return (await c.ctx.db(c.ctx.tables.correo).where('TIPO', 'cliente').orderBy('ID')) as Row[];
}

beforeAll(async () => {
  smtp = await startSmtp();
  company = await openDemoCompany({
    tag: 'auto',
    demo: { customers: 400 },
    configure: (config) => ({
      ...config,
      mail: smtpMail(config, smtp.port),
      rules: {
        ...config.rules,
        cadence: {
          ...config.rules.cadence,
          A: config.rules.cadence.A.map((s) => (s.offsetDays < 0 ? { ...s, automatic: true } : s)),
          B: config.rules.cadence.B.map((s) => (s.offsetDays < 0 ? { ...s, automatic: true } : s)),
        },
      },
    }),
  });
  const t = await truth(company);
  const minOverdue = company.config.rules.amounts.minOverdueToAct;
  const tol = company.config.rules.amounts.tolerance;
  const pending = new Map<string, Set<IsoDate>>();
  const reminded = new Map<string, Set<IsoDate>>();
  const run = async (day: IsoDate, at: string) => {
    const s = await company.cycle(day, morningOf(day, at));
    queuedBy.push({ day, at, queued: s.automatic.queued, staff: s.counts.mailsQueued });
    await company.send(morningOf(day, at));
    return s;
  };

  // Monday's cycle first run late, on Tuesday morning (ejecutar --fecha): its reminders would be stale; nothing goes out.
  const late = await company.cycle(WEEK[0]!, morningOf(WEEK[1]!, '07:30'));
  queuedBy.push({ day: WEEK[0]!, at: 'al día siguiente', queued: late.automatic.queued, staff: late.counts.mailsQueued });
  // Monday, 22:00: outside the contact hours, the cycle plans but writes to no customer.
  await run(WEEK[0]!, '22:00');
  tiersByDay.set(WEEK[0]!, await tiers(company));
  expected.set(WEEK[0]!, modelDay(WEEK[0]!, t, await tiers(company), pending, reminded, false, new Set(), minOverdue, tol));

  // Before Tuesday: two customers the model would remind are marked «no contactar» and get a promise.
  const tierOf = await tiers(company);
  const preview = modelDay(WEEK[1]!, t, tierOf, new Map([...pending].map(([k, v]) => [k, new Set(v)])),
    new Map([...reminded].map(([k, v]) => [k, new Set(v)])), true, new Set(), minOverdue, tol);
  const [a, b] = [...preview.keys()].sort();
  expect(a && b).toBeTruthy();
  planted = { noContact: a!, promise: b! };
  await setCustomerFlags(company.ctx.db, company.ctx.tables, planted.noContact, { doNotContact: true }, morningOf(WEEK[0]!, '22:30'));
  await recordContact(company.ctx.db, company.ctx.tables, {
    customerCode: planted.promise, on: WEEK[0]!, outcome: 'promesa', promiseDate: '2026-11-13', promiseAmount: 50_000, taskId: null,
  }, morningOf(WEEK[0]!, '22:30'));
  const excluded = new Set([planted.noContact, planted.promise]);

  for (const day of WEEK.slice(1)) {
    await run(day, '08:30');
    tiersByDay.set(day, await tiers(company));
    expected.set(day, modelDay(day, t, await tiers(company), pending, reminded, true, excluded, minOverdue, tol));
    // A second cycle the same day (and one at night) queues nothing again.
    await run(day, '14:00');
  }
  await run(WEEK[4]!, '22:00');
}, SLOW);

afterAll(async () => {
  await company?.close();
  await smtp?.close();
});

describe('automatic reminders over a week of cycles, real SMTP', () => {
  it('sends exactly the expected reminders to the expected customers, each once, on the expected days', async () => {
    const got = new Map<IsoDate, string[]>();
    for (const r of await outboxRows(company)) {
      const day = String(r.FECHA).slice(0, 10);
      got.set(day, [...(got.get(day) ?? []), String(r.CLAVE).split('|')[1]!]);
    }
    const want = new Map([...expected].filter(([, m]) => m.size > 0).map(([d, m]) => [d, [...m.keys()].sort()]));
    expect(new Map([...got].map(([d, l]) => [d, [...l].sort()]))).toEqual(want);
    const total = [...want.values()].reduce((s, l) => s + l.length, 0);
    expect(total).toBeGreaterThanOrEqual(8);
    const mails = customerMails(smtp);
    expect(mails).toHaveLength(total);
    const rows = await outboxRows(company);
    expect(rows.every((r) => r.ESTADO === 'enviado')).toBe(true);
    expect(new Set(mails.map((m) => m.mail.messageId)).size).toBe(total);
    expect(new Set(rows.map((r) => String(r.MESSAGE_ID)))).toEqual(new Set(mails.map((m) => String(m.mail.messageId))));
  });

  it('each mail goes to the customer\'s addresses with the amounts due and the statement PDF attached', async () => {
    const t = await truth(company);
    const byMessageId = new Map(customerMails(smtp).map((m) => [String(m.mail.messageId), m]));
    for (const r of await outboxRows(company)) {
      const code = String(r.CLAVE).split('|')[1]!;
      const day = String(r.FECHA).slice(0, 10);
      const dueOn = expected.get(day)!.get(code)!;
      const m = byMessageId.get(String(r.MESSAGE_ID))!;
      expect(m.rcptTo.map((x) => x.toLowerCase()).sort()).toEqual((t.emails.get(code) ?? []).map((x) => x.toLowerCase()).sort());
      const text = m.mail.text ?? '';
      for (const amount of t.due.get(code)!.get(dueOn)!) expect(text).toContain(pesos(amount));
      expect(text).toContain(ddmmyyyy(dueOn));
      const pdf = (m.mail.attachments ?? []).find((a) => a.contentType === 'application/pdf')!;
      expect(pdf.filename).toMatch(/^estado-de-cuenta-.*\.pdf$/);
      const read = await pdfText(pdf.content);
      expect(read).toContain(t.names.get(code)!);
      for (const amount of t.due.get(code)!.get(dueOn)!) expect(read).toContain(pesos(amount));
    }
  });

  it('writes to no suppressed customer: neither the one marked «no contactar» nor the one with a promise', async () => {
    const mailed = new Set((await outboxRows(company)).map((r) => String(r.CLAVE).split('|')[1]));
    expect(mailed.has(planted.noContact)).toBe(false);
    expect(mailed.has(planted.promise)).toBe(false);
    const tasks = (await company.ctx.db(company.ctx.tables.tarea).whereIn('COD_CLIENT', [planted.noContact, planted.promise])
      .where('MOTIVO_CIERRE', 'hecha')) as Row[];
    expect(tasks).toEqual([]);
  });

  it('writes to no customer outside the contact hours: the 22:00 cycles queue nothing, the next one inside sends', async () => {
    const night = queuedBy.filter((q) => q.at === '22:00');
    expect(night.map((q) => q.queued)).toEqual([0, 0]);
    const tuesday = queuedBy.find((q) => q.day === WEEK[1] && q.at === '08:30')!;
    expect(tuesday.queued).toBe(expected.get(WEEK[1]!)!.size);
    expect(tuesday.queued).toBeGreaterThan(0);
    expect(queuedBy.filter((q) => q.at === '14:00').map((q) => q.queued)).toEqual([0, 0, 0, 0]);
    expect(queuedBy.find((q) => q.at === 'al día siguiente')!.queued).toBe(0);
    expect(company.lines).toContainEqual(expect.stringMatching(
      /sin enviar \(\d+ cliente\(s\); el ciclo es del 02\/11\/2026 y hoy es 03\/11\/2026: a los clientes sólo se les escribe en el ciclo del día/,
    ));
    expect(company.lines.some((l) => /envio_automatico empresa=\S+: sin enviar \(\d+ cliente\(s\); son las 22:00, fuera del horario de 07:00 a 20:00; se envía en el próximo ciclo dentro del horario\)/.test(l))).toBe(true);
  });

  it('records each reminder: contact by e-mail, task done by «automatico», and keeps the customer out of the staff digest', async () => {
    const { ctx } = company;
    const rows = await outboxRows(company);
    const contacts = (await ctx.db(ctx.tables.contacto).where('CANAL', 'email')) as Row[];
    expect(contacts).toHaveLength(rows.length);
    expect(contacts.every((c) => c.RESULTADO === 'contactado' && c.USUARIO === 'automatico' && c.TAREA_ID !== null)).toBe(true);
    const done = (await ctx.db(ctx.tables.tarea).where({ MOTIVO_CIERRE: 'hecha', HECHA_POR: 'automatico' })) as Row[];
    expect(done).toHaveLength(rows.length);
    expect(done.every((t) => String(t.PASO) === 'D-3' && ['A', 'B'].includes(String(t.NIVEL)))).toBe(true);
    // Tuesday's digests (08:30) do not list the customers reminded automatically that day.
    const digests = (await ctx.db(ctx.tables.correo).where({ TIPO: 'resumen', FECHA: WEEK[1] })) as Row[];
    const text = digests.map((d) => String(d.CUERPO_TEXTO)).join('\n');
    const t = await truth(company);
    for (const code of expected.get(WEEK[1]!)!.keys()) {
      // Not a customer to contact; listed once, after them, as sent automatically (when its person has a digest).
      expect(text).not.toMatch(new RegExp(`^\\d+\\. ${t.names.get(code)!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(cód`, 'm'));
    }
    const listed = [...text.matchAll(/^ {2}(.+) \(cód\. (\S+)\) · paso D-3 · a (.+)$/gm)].map((m) => m[2]);
    expect(text).toContain('ENVIADOS AUTOMÁTICAMENTE HOY (ya están hechos, no hace falta contactarlos)');
    expect(listed.length).toBeGreaterThan(0);
    for (const code of listed) expect(expected.get(WEEK[1]!)!.has(code!)).toBe(true);
  });

  it('reports a customer without a valid address in the run log, by code, and leaves it in its responsible person\'s digest', async () => {
    const { ctx } = company;
    const t = await truth(company);
    const skipped = [...new Set(company.lines
      .map((l) => /envio_automatico empresa=\S+ cliente=(\S+) paso=D-3 omitido: sin correo cargado: queda en el resumen del responsable/.exec(l)?.[1])
      .filter((c): c is string => c !== undefined))];
    expect(skipped.length).toBeGreaterThan(0);
    const digests = ((await ctx.db(ctx.tables.correo).where('TIPO', 'resumen')) as Row[]).map((d) => String(d.CUERPO_TEXTO)).join('\n');
    for (const code of skipped) {
      expect(t.emails.get(code)).toEqual([]);
      expect(digests).toContain(t.names.get(code)!);
    }
  });

  it('counts staff and customer mails apart in COB_EJECUCION and estado', async () => {
    const { ctx } = company;
    const runs = (await ctx.db(ctx.tables.ejecucion).orderBy('ID').select('FECHA_CORTE', 'CORREOS_ENCOLADOS', 'CORREOS_CLIENTES')) as Row[];
    expect(runs.map((r) => Number(r.CORREOS_CLIENTES))).toEqual(queuedBy.map((q) => q.queued));
    expect(runs.map((r) => Number(r.CORREOS_ENCOLADOS))).toEqual(queuedBy.map((q) => q.staff));
    const customerTotal = queuedBy.reduce((s, q) => s + q.queued, 0);
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(args.join(' '));
    });
    try {
      await printStatus(ctx);
    } finally {
      log.mockRestore();
    }
    const out = printed.join('\n');
    expect(out).toMatch(/Correos al personal +Correos a clientes/);
    expect(out).toMatch(new RegExp(`enviado +\\d+ +${customerTotal}`));
  }, SLOW);
});

describe('informe', () => {
  it('counts the reminders sent to customers in the period, apart from staff contacts', async () => {
    const period = { from: WEEK[0]!, to: WEEK[4]! };
    const { report } = await buildPeriodReport(company.ctx, period, 'nivel', { today: WEEK[4]! });
    const sent = (await outboxRows(company)).length;
    expect(report.total.reminders.sent).toBe(sent);
    // Only tiers A and B had automatic steps.
    expect(report.groups.find((g) => g.group.value === 'C')?.reminders.sent ?? 0).toBe(0);
    expect(report.groups.reduce((s, g) => s + g.reminders.sent, 0)).toBe(sent);
    // No reminder's 7 days have ended by Friday: the response has no denominator yet.
    expect(report.total.reminders.response.denominator).toBe(0);
    const { view } = reportView(report, { company: 'x', title: 'x', greeting: null, sellerNames: new Map() });
    const line = (view.indicadores as { nombre: string; valor: string; nota: string }[]).find((i) => i.nombre === 'Recordatorios a clientes')!;
    expect(line.valor).toBe(`${sent} enviados`);
    expect(line.nota).toBe('— con pago dentro de los 7 días (0 de 0); $ 0,00 cobrados en esos días');
  });
});

describe('simular with automatic steps', () => {
  it('lists, day by day, the reminders it would send (customer, step, address) and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadencia-auto-sim-'));
    try {
      const erpFile = join(dir, 'erp.sqlite');
      await generateDemoErp({ file: erpFile, seed: DEMO_SEED, asOf: DEMO_START, customers: 400 });
      const ini = join(dir, 'cadencia.ini');
      writeIni(ini, { erpFile, mailFolder: join(dir, 'correo'), logFolder: join(dir, 'registros') });
      writeFileSync(ini, readFileSync(ini, 'utf8').replace(
        /^paso1 = -3 \| email \| recordatorio \| vendedor \| preventiva$/gm, '$& | automatico',
      ));
      const child = runCli(['simular', '--config', ini, '--fecha', DEMO_START, '--dias', '5']);
      const { code } = await child.exited;
      const out = child.output();
      expect(code, out).toBe(0);
      // The same ERP: every day is a sending day, nobody is marked.
      const t = await truth(company);
      const pending = new Map<string, Set<IsoDate>>();
      const reminded = new Map<string, Set<IsoDate>>();
      const want: string[] = [];
      for (const day of WEEK) {
        const m = modelDay(day, t, tiersByDay.get(day)!, pending, reminded, true, new Set(), company.config.rules.amounts.minOverdueToAct, company.config.rules.amounts.tolerance);
        for (const code of [...m.keys()].sort()) want.push(`${ddmmyyyy(day)} ${code} D-3 ${(t.emails.get(code) ?? []).join('; ')}`);
      }
      expect(want.length).toBeGreaterThanOrEqual(8);
      const section = out.slice(out.indexOf('ENVÍOS AUTOMÁTICOS A CLIENTES'));
      expect(section).toMatch(new RegExp(`^ENVÍOS AUTOMÁTICOS A CLIENTES \\(${want.length}; `));
      const listed = [...section.matchAll(/^ {2}(\d\d\/\d\d\/\d{4}) +(\S+) +.+? +(D-3) +(\S.*)$/gm)]
        .map((m) => `${m[1]} ${m[2]} ${m[3]} ${m[4]!.trim()}`);
      expect(listed.sort()).toEqual(want.sort());
      expect(section).toMatch(/NO SE ENVIARÍAN \(\d+\)\n(.|\n)*sin correo cargado: queda en el resumen del responsable/);
      // Nothing written: simular never creates the add-on tables.
      const db = openDatabase({ kind: 'sqlite', file: erpFile });
      try {
        expect(await db.schema.hasTable('COB_CORREO')).toBe(false);
      } finally {
        await db.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, SLOW);
});
