/**
 * The long-running service: every minute a tick decides, per company, whether
 * a cycle is due (every N minutes within business hours on business days, a
 * retry with backoff after a failure, and always one at the digest hour so the
 * day's digests are fresh), and whether the outbox should be drained. One
 * cycle at a time per company; a tick that finds one running skips it and
 * says so. A failing company never stops the others.
 *
 * Scheduling calls `tick(now)`; tests call it directly with the time they want.
 */
import { migrate } from '../connector/addon/migrations';
import { DatabaseConnectionError } from '../connector/connection-errors';
import { explainDatabaseError } from './cli/db-errors';
import type { AppConfig } from './config';
import { timeIn, todayIn } from './clock';
import { closeCompany, openCompany, type CompanyContext } from './context';
import { CycleBackwardsError, CycleLockedError, runCycle } from './cycle/run-cycle';
import { sendOutbox } from './cycle/send-outbox';
import type { Logger } from './logging';
import { transportFor } from './mail-transport';
import type { MailTransport } from './mail/transport';

export interface CompanyState {
  config: AppConfig;
  ctx: CompanyContext | null;
  transport: MailTransport | null;
  running: Promise<void> | null;
  lastSuccess: Date | null;
  lastDigestRun: string | null;
  failures: number;
  retryAt: Date | null;
  lastOutbox: Date | null;
  /** Set while the company is being opened, so the web and the scheduler open it once. */
  opening: Promise<CompanyContext> | null;
}

const MINUTE = 60_000;

/** Minutes to wait after the n-th consecutive failure: 1, 2, 4, … capped at `max`. */
export function retryDelayMinutes(failures: number, max: number): number {
  return Math.min(2 ** Math.max(0, failures - 1), Math.max(1, max));
}

function withinHours(config: AppConfig, now: Date): boolean {
  const t = timeIn(config.calendar.timeZone, now);
  return t >= config.schedule.from && t < config.schedule.to;
}

export type DueReason = 'programado' | 'reintento' | 'resumen' | null;

/** Whether a cycle is due for the company at `now`, and why. */
export function cycleDue(state: CompanyState, now: Date, isBusinessDay: (d: string) => boolean): DueReason {
  const { config } = state;
  const today = todayIn(config.calendar.timeZone, now);
  if (!isBusinessDay(today) || !withinHours(config, now)) return null;
  if (state.retryAt) return now >= state.retryAt ? 'reintento' : null;
  const time = timeIn(config.calendar.timeZone, now);
  if (time >= config.schedule.digestAt && state.lastDigestRun !== today) return 'resumen';
  if (!state.lastSuccess) return 'programado';
  return now.getTime() - state.lastSuccess.getTime() >= config.schedule.cycleEveryMinutes * MINUTE - 1000 ? 'programado' : null;
}

export function outboxDue(state: CompanyState, now: Date): boolean {
  if (!state.lastOutbox) return true;
  return now.getTime() - state.lastOutbox.getTime() >= state.config.schedule.outboxEveryMinutes * MINUTE - 1000;
}

export class ServiceRunner {
  readonly companies: CompanyState[];
  private stopping = false;

  constructor(configs: AppConfig[], private readonly logger: Logger) {
    this.companies = configs.map((config) => ({
      config, ctx: null, transport: null, running: null, lastSuccess: null, lastDigestRun: null,
      failures: 0, retryAt: null, lastOutbox: null, opening: null,
    }));
  }

  /** Opens a company on first use (and again after a failure closed it). */
  private ensureOpen(state: CompanyState): Promise<CompanyContext> {
    if (state.ctx) return Promise.resolve(state.ctx);
    state.opening ??= this.open(state).finally(() => {
      state.opening = null;
    });
    return state.opening;
  }

  private async open(state: CompanyState): Promise<CompanyContext> {
    const ctx = await openCompany(state.config, this.logger);
    try {
      await migrate(ctx.db, ctx.tables, ctx.profile.addon.views);
    } catch (err) {
      await closeCompany(ctx).catch(() => undefined);
      throw err;
    }
    state.ctx = ctx;
    state.transport = transportFor(state.config);
    return ctx;
  }

  /** The open context of a company (the web worklist's requests share it with the cycles). */
  async contextOf(companyId: string): Promise<CompanyContext> {
    const state = this.companies.find((s) => s.config.company.id === companyId);
    if (!state) throw new Error(`La empresa «${companyId}» ya no está en la configuración.`);
    if (this.stopping) throw new Error('El servicio se está deteniendo.');
    return this.ensureOpen(state);
  }

  /** Sends the company's outbox now (a sign-in link asked from the web), without waiting for the next tick. */
  async sendNow(companyId: string, now: Date = new Date()): Promise<void> {
    const state = this.companies.find((s) => s.config.company.id === companyId);
    if (!state?.ctx || !state.transport) return;
    try {
      await sendOutbox(state.ctx, state.transport, { now, respectDigestHour: true });
    } catch (err) {
      this.logger.error(`correo empresa=${companyId}: ${(err as Error).message}`);
    }
  }

  private async closeState(state: CompanyState): Promise<void> {
    state.transport?.close();
    state.transport = null;
    if (state.ctx) await closeCompany(state.ctx).catch(() => undefined);
    state.ctx = null;
  }

  /** One scheduler tick: starts what is due and returns without waiting for it. */
  tick(now: Date = new Date()): Promise<void>[] {
    if (this.stopping) return [];
    const started: Promise<void>[] = [];
    for (const state of this.companies) {
      const id = state.config.company.id;
      if (state.running) {
        if (state.ctx && cycleDue(state, now, state.ctx.calendar.isBusinessDay) === 'programado') {
          this.logger.info(`ciclo empresa=${id}: el anterior sigue en curso; se omite este inicio`);
        }
        continue;
      }
      const work = this.work(state, now).finally(() => {
        state.running = null;
      });
      state.running = work;
      started.push(work);
    }
    return started;
  }

  private async work(state: CompanyState, now: Date): Promise<void> {
    const id = state.config.company.id;
    // A company that could not be opened waits for its retry time (backoff) before trying again.
    if (!state.ctx && state.retryAt && now < state.retryAt) return;
    let ctx: CompanyContext;
    try {
      ctx = await this.ensureOpen(state);
    } catch (err) {
      this.failed(state, now, err);
      return;
    }
    const due = cycleDue(state, now, ctx.calendar.isBusinessDay);
    if (due) {
      try {
        await runCycle(ctx, { asOf: todayIn(state.config.calendar.timeZone, now) });
        state.lastSuccess = now;
        state.failures = 0;
        state.retryAt = null;
        if (due === 'resumen' || timeIn(state.config.calendar.timeZone, now) >= state.config.schedule.digestAt) {
          state.lastDigestRun = todayIn(state.config.calendar.timeZone, now);
        }
      } catch (err) {
        if (err instanceof CycleLockedError) {
          this.logger.warn(err.message);
        } else if (err instanceof CycleBackwardsError) {
          // The machine's date is behind the last cycle (e.g. a demo ran ahead): skip, never close
          // current tasks; look again at the next scheduled time. Mail still goes out below.
          this.logger.warn(`ciclo empresa=${id} omitido: ${err.message}`);
          state.retryAt = new Date(now.getTime() + state.config.schedule.cycleEveryMinutes * MINUTE);
        } else {
          this.failed(state, now, err);
          // A broken connection is reopened on the next attempt.
          await this.closeState(state);
          return;
        }
      }
    }
    if (state.transport && outboxDue(state, now)) {
      try {
        await sendOutbox(ctx, state.transport, { now, respectDigestHour: true });
        state.lastOutbox = now;
      } catch (err) {
        this.logger.error(`correo empresa=${id}: ${(err as Error).message}`);
      }
    }
  }

  private failed(state: CompanyState, now: Date, err: unknown): void {
    state.failures += 1;
    const wait = retryDelayMinutes(state.failures, state.config.schedule.cycleEveryMinutes);
    state.retryAt = new Date(now.getTime() + wait * MINUTE);
    const cause = err instanceof Error && err.cause instanceof Error ? ` (detalle: ${err.cause.message})` : '';
    // The Spanish line first; a driver's own text follows as the detail.
    const explained = err instanceof DatabaseConnectionError ? null : explainDatabaseError(err, state.config.erp.tablePrefix);
    const own = (err instanceof Error ? err.message : String(err)).replace(/\.$/, '');
    const message = (explained ? `${explained.replace(/\.$/, '')} (detalle: ${own})` : own) + cause;
    this.logger.error(
      `ciclo empresa=${state.config.company.id} falló (intento ${state.failures}): ${message}; se reintenta en ${wait} min`,
    );
  }

  /** Replaces a company's configuration (INI reloaded); takes effect at its next cycle. */
  async reconfigure(configs: AppConfig[]): Promise<void> {
    await Promise.all(this.companies.map((s) => s.running ?? Promise.resolve()));
    for (const s of this.companies) await this.closeState(s);
    this.companies.splice(0, this.companies.length, ...new ServiceRunner(configs, this.logger).companies);
  }

  /**
   * Stops: no new work; waits up to `graceMs` for the work in flight, then
   * closes the connections (a transaction still open is rolled back by the
   * server when its connection goes; every write is idempotent, so the next
   * run completes what was left).
   */
  async stop(graceMs = 5000): Promise<boolean> {
    this.stopping = true;
    const inFlight = this.companies.map((s) => s.running).filter((p): p is Promise<void> => p !== null);
    let finished = true;
    if (inFlight.length > 0) {
      finished = await Promise.race([
        Promise.all(inFlight).then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs).unref()),
      ]);
    }
    for (const s of this.companies) await this.closeState(s);
    return finished;
  }
}
