/** `reglas verificar`, `niveles`, `explicar` and `simular`: read-only looks at the rules and their effect. */
import { addDays, daysBetween } from '../../rules/dates';
import { formatDate, formatMoney, formatPercent } from '../../rules/format';
import { addToPlan, emptyPlan } from '../../rules/planning';
import { tierStateOf } from '../../rules/tiering';
import { TIERS, type ExistingTask, type IsoDate, type OpenInstallment, type Plan, type Tier } from '../../rules/types';
import { describeRules } from '../config';
import type { CompanyContext } from '../context';
import { loadTemplates } from '../mail/templates';
import { groupByCustomer, loadInputs, planOneCustomer, readAndPlan, readOptions } from '../cycle/read-and-plan';
import { explainTier } from '../cycle/tier-explanation';
import { tierCounts } from '../cycle/run-cycle';
import { hasAutomaticSteps, readCollectionsEmails, selectAutomatic, type AutoReminder, type AutoSkip } from '../cycle/auto-reminders';
import { readCustomerAsOf, type CustomerHistory } from '../cycle/state-as-of';
import { OUTCOME_LABEL } from '../mail/labels';
import { dateOption, printTable, readConfig, UsageError, withCompany, type GlobalOptions } from './common';

export async function rulesCheck(opts: GlobalOptions): Promise<void> {
  const config = readConfig(opts);
  await loadTemplates(config.mail.templatesFolder ?? undefined);
  console.log(describeRules(config));
  if (config.warnings.length > 0) console.log(`AVISOS\n${config.warnings.map((w) => `  ${w}`).join('\n')}\n`);
  console.log('\nLa configuración y las plantillas de correo son válidas.');
}

export async function tiersList(opts: GlobalOptions & { fecha?: string; nivel?: string }): Promise<void> {
  await withCompany(opts, async (ctx) => {
    const asOf = dateOption(opts.fecha, ctx.config);
    const only = opts.nivel?.toUpperCase();
    if (only !== undefined && !(TIERS as readonly string[]).includes(only)) {
      throw new UsageError(`--nivel: se esperaba A, B o C, se recibió «${opts.nivel}».`);
    }
    const cycle = await readAndPlan(ctx, { asOf });
    const counts = tierCounts(cycle);
    const total = cycle.plan.tiers.length;
    console.log(`Niveles de riesgo al ${formatDate(asOf)} — ${total} clientes\n`);
    printTable(
      ['Nivel', 'Clientes', 'Proporción'],
      TIERS.map((t) => [t, String(counts[t]), total ? formatPercent(counts[t] / total) : '—']),
    );
    const alerts = new Map(cycle.plan.alerts.map((a) => [a.customerCode, a]));
    for (const tier of TIERS) {
      if (only && tier !== only) continue;
      const decisions = cycle.plan.tiers
        .filter((d) => d.tier === tier)
        .sort((a, b) => b.metrics.overdueBalance - a.metrics.overdueBalance);
      console.log(`\nNivel ${tier} (${decisions.length})`);
      if (decisions.length === 0) continue;
      printTable(
        ['Cliente', 'Razón social', 'Vencido', 'Días', 'Regla'],
        decisions.map((d) => [
          d.customerCode,
          (cycle.customers.get(d.customerCode)?.name ?? '').slice(0, 40),
          formatMoney(d.metrics.overdueBalance),
          String(d.metrics.oldestDaysOverdue),
          d.rule + (alerts.get(d.customerCode)?.suppressedBy ? ` · suspendido: ${alerts.get(d.customerCode)?.suppressedBy}` : ''),
        ]),
      );
    }
  });
}

function installmentRows(list: readonly OpenInstallment[], asOf: IsoDate): string[][] {
  return list.map((i) => [
    `${i.voucherType} ${i.voucherNumber}`,
    formatDate(i.dueOn),
    formatMoney(i.amount),
    formatMoney(i.pending),
    String(Math.max(0, daysBetween(i.dueOn, asOf))),
  ]);
}

export async function explainCustomer(code: string, opts: GlobalOptions & { fecha?: string }): Promise<void> {
  await withCompany(opts, async (ctx) => {
    const asOf = dateOption(opts.fecha, ctx.config);
    const wanted = code.trim();
    // As of the date asked: nothing stored after it (tier, contacts, tasks) is used.
    const found = await readCustomerAsOf(ctx, wanted, asOf);
    if (!found) throw new UsageError(`No existe el cliente «${wanted}» en el ERP.`);
    const { read, history } = found;
    const { customer, plan } = read;
    const x = explainTier(plan.tier, ctx.config.rules.tiers, asOf);
    console.log(`${customer.code} — ${customer.name}  (al ${formatDate(asOf)})`);
    console.log(`\n${x.headline}`);
    console.log(`  ${x.reason}`);
    if (x.onHold) console.log(`  ${x.onHold}`);
    console.log('\nMÉTRICAS');
    printTable(['Métrica', 'Valor'], x.metrics.map((r) => [r.label, r.value]));
    console.log(`\nINSUMOS DEL NIVEL (${x.scoreLine})`);
    printTable(['Insumo', 'Peso', 'Nivel', 'Detalle'], x.inputs.map((i) => [i.label, i.weight, i.level, i.text]));
    console.log(`  ${x.verdict}`);
    const installments = read.installments;
    console.log(`\nCUOTAS ABIERTAS (${installments.length})`);
    if (installments.length > 0) {
      printTable(['Comprobante', 'Vencimiento', 'Importe', 'Pendiente', 'Días'], installmentRows(installments, asOf));
    }
    const unapplied = read.inputs.unappliedOf.get(wanted);
    if (unapplied && unapplied.onAccount + unapplied.chequesInPortfolio > 0) {
      console.log(`\nDINERO SIN APLICAR: recibos a cuenta ${formatMoney(unapplied.onAccount)}, cheques en cartera ${formatMoney(unapplied.chequesInPortfolio)}`);
    }
    console.log('\nPRÓXIMO PASO');
    if (plan.alert) {
      const a = plan.alert;
      console.log(`  ${a.message}`);
      if (a.nextStepId && a.nextActionOn) console.log(`  Paso ${a.nextStepId} el ${formatDate(a.nextActionOn)} (${a.role ?? '—'}).`);
    } else {
      console.log('  Nada que hacer: el cliente está al día.');
    }
    for (const s of plan.suppressed) console.log(`  Suspendido: ${s.detail}`);
    if (plan.create.length > 0) {
      console.log('\nTAREAS QUE CREARÍA HOY');
      printTable(
        ['Paso', 'Estado', 'Fecha', 'Canales', 'Responsable'],
        plan.create.map((t) => [t.stepId, t.status, formatDate(t.dueOn), t.channels.join(', '), t.role]),
      );
    }
    if (plan.close.length > 0) {
      console.log('\nTAREAS QUE CERRARÍA');
      for (const c of plan.close) console.log(`  ${c.key}: ${c.reason}`);
    }
    printTimeline(history, asOf);
  });
}

/** Contacts, promises, tasks and tier changes up to the date asked, oldest first. */
function printTimeline(history: CustomerHistory | null, asOf: IsoDate): void {
  console.log(`\nHISTORIA HASTA EL ${formatDate(asOf)}`);
  const events: { on: IsoDate; order: number; text: string }[] = [];
  for (const c of history?.tierChanges ?? []) {
    const what = c.from === null ? `nivel ${c.to} (primer cálculo)` : `nivel ${c.from} → ${c.to}`;
    events.push({ on: c.on, order: 0, text: `${what} · regla ${c.rule}` });
  }
  for (const t of history?.tasks ?? []) {
    events.push({ on: t.on, order: 1, text: t.skipped ? `paso ${t.stepId} omitido (el atraso ya lo había superado)` : `paso ${t.stepId}: ${t.channels} (${t.role})` });
  }
  for (const c of history?.contacts ?? []) {
    const promise = c.outcome === 'promesa' && c.promiseDate
      ? `: pagar ${c.promiseAmount === null ? 'sin importe' : formatMoney(c.promiseAmount)} el ${formatDate(c.promiseDate)}`
      : '';
    events.push({ on: c.on, order: 2, text: `contacto: ${OUTCOME_LABEL[c.outcome] ?? c.outcome}${promise}` });
  }
  events.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.order - b.order));
  if (events.length === 0) {
    console.log('  Sin cambios de nivel, tareas ni contactos registrados.');
    return;
  }
  for (const e of events) console.log(`  ${formatDate(e.on)}  ${e.text}`);
}

/** Applies a day's plan to the in-memory state, as the write side would. */
function evolve(ctxState: Awaited<ReturnType<typeof loadInputs>>, plan: Plan, nextId: { value: number }): void {
  for (const d of plan.tiers) ctxState.tierStates.set(d.customerCode, tierStateOf(d));
  const closed = new Map(plan.close.map((c) => [c.key, c]));
  for (const tasks of ctxState.tasksOf.values()) {
    for (const t of tasks) if (closed.has(t.key)) t.status = 'cerrada';
  }
  for (const t of plan.create) {
    const task: ExistingTask = {
      id: nextId.value--, key: t.key, customerCode: t.customerCode, episode: t.episode, stepId: t.stepId,
      status: t.status, dueOn: t.dueOn, createdOn: plan.today,
    };
    const list = ctxState.tasksOf.get(t.customerCode) ?? [];
    list.push(task);
    ctxState.tasksOf.set(t.customerCode, list);
  }
  const alerts = new Map(plan.alerts.map((a) => [a.customerCode, a]));
  for (const code of ctxState.customers.keys()) ctxState.episodes.set(code, alerts.get(code)?.episode ?? null);
}

export async function simulate(opts: GlobalOptions & { fecha?: string; dias?: string }): Promise<void> {
  await withCompany(opts, async (ctx: CompanyContext) => {
    const start = dateOption(opts.fecha, ctx.config);
    const days = opts.dias === undefined ? 7 : Number(opts.dias);
    if (!Number.isInteger(days) || days < 1 || days > 366) {
      throw new UsageError(`--dias: se esperaba un número entero entre 1 y 366, se recibió «${opts.dias}».`);
    }
    // The ERP is read once; each simulated day plans over the state the
    // previous days would have written. Nothing is written to the database.
    const inputs = await loadInputs(ctx, start);
    const groups: [string, OpenInstallment[]][] = [];
    for await (const g of groupByCustomer(ctx.profile.openInstallments(ctx.db, readOptions(ctx, start), inputs.onIssue), inputs.onIssue)) {
      groups.push(g);
    }
    const withInstallments = new Set(groups.map(([c]) => c));
    const nextId = { value: -1 };
    console.log(`Simulación desde el ${formatDate(start)}, ${days} días (no se escribe nada; sin pagos nuevos)\n`);
    const rows: string[][] = [];
    const automatic = hasAutomaticSteps(ctx);
    const collections = automatic ? await readCollectionsEmails(ctx) : new Map<string, string>();
    const autoSent: { day: IsoDate; r: AutoReminder }[] = [];
    const autoSkipped: { day: IsoDate; s: AutoSkip }[] = [];
    for (let i = 0; i < days; i++) {
      const day = addDays(start, i);
      const plan = emptyPlan(day);
      for (const [code, list] of groups) {
        const p = planOneCustomer(inputs, code, list, ctx, day);
        if (p) addToPlan(plan, p);
      }
      for (const code of inputs.customers.keys()) {
        if (withInstallments.has(code)) continue;
        const p = planOneCustomer(inputs, code, [], ctx, day);
        if (p) addToPlan(plan, p);
      }
      const created = plan.create.filter((t) => t.status === 'pendiente');
      const byStep = new Map<string, number>();
      for (const t of created) byStep.set(t.stepId, (byStep.get(t.stepId) ?? 0) + 1);
      const business = ctx.calendar.isBusinessDay(day);
      rows.push([
        formatDate(day) + (business ? '' : ` (${ctx.calendar.holidayName(day) ?? 'no hábil'})`),
        String(created.length),
        [...byStep.entries()].sort().map(([s, n]) => `${s}: ${n}`).join(', ') || '—',
        String(plan.create.length - created.length),
        String(plan.close.length),
        String(plan.suppressed.length),
      ]);
      // Automatic reminders go out on business days (the cycle inside the service hours).
      const selection = automatic && business
        ? selectAutomatic(ctx, {
          asOf: day, plan, customers: inputs.customers, sellers: inputs.sellers, installmentsOf: new Map(),
          tasksOf: inputs.tasksOf, contactsOf: inputs.contactsOf, unappliedOf: inputs.unappliedOf,
        }, (code) => collections.get(code) ?? null)
        : { due: [], skipped: [] };
      for (const r of selection.due) autoSent.push({ day, r });
      for (const s of selection.skipped) autoSkipped.push({ day, s });
      evolve(inputs, plan, nextId);
      // A reminder sent marks its task done: it does not come back, and it counts against the contact cap.
      const done = new Set(selection.due.map((r) => r.taskKey));
      for (const tasks of inputs.tasksOf.values()) for (const t of tasks) if (done.has(t.key)) t.status = 'cerrada';
    }
    printTable(['Día', 'Tareas', 'Por paso', 'Omitidas', 'Cerradas', 'Suspendidos'], rows);
    if (automatic) {
      console.log(`\nENVÍOS AUTOMÁTICOS A CLIENTES (${autoSent.length}; pasos «automatico», en días hábiles dentro del horario)`);
      if (autoSent.length === 0) console.log('  Ninguno.');
      else {
        printTable(['Día', 'Cliente', 'Nombre', 'Paso', 'Correo'], autoSent.map(({ day, r }) => [
          formatDate(day), r.customerCode, r.customerName, r.stepId, r.to.join('; '),
        ]));
      }
      if (autoSkipped.length > 0) {
        console.log(`\nNO SE ENVIARÍAN (${autoSkipped.length})`);
        for (const { day, s } of autoSkipped) console.log(`  ${formatDate(day)} ${s.customerCode} ${s.customerName} (${s.stepId}): ${s.reason}`);
      }
    }
    const tiers: Record<Tier, number> = { A: 0, B: 0, C: 0 };
    for (const s of inputs.tierStates.values()) tiers[s.tier] += 1;
    console.log(`\nNiveles al final: A ${tiers.A} · B ${tiers.B} · C ${tiers.C}`);
  });
}
