/**
 * Issue "service" 11: the CLI killed with SIGKILL in the middle of a cycle's
 * writes, then run again, ends exactly like a clean single run on a copy of
 * the same ERP: no duplicate task or mail, nothing lost, the dead process's
 * lock row taken over.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoErp } from '../../connector/demo-erp';
import { runCli, writeIni, type Child } from './cli-process';
import { DEMO_SEED, DEMO_START, maskSignInLinks, tempFolder } from './helpers';

const INSTALLMENTS = 40_000;
let dir = '';
const children: Child[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Row = Record<string, unknown>;

function site(name: string, source: string) {
  const folder = join(dir, name);
  mkdirSync(folder);
  const erpFile = join(folder, 'erp.sqlite');
  copyFileSync(source, erpFile);
  const ini = join(folder, 'cadencia.ini');
  const mailFolder = join(folder, 'correo');
  writeIni(ini, { erpFile, mailFolder, logFolder: join(folder, 'registros') });
  return { erpFile, ini, mailFolder, args: ['ejecutar', '--una-vez', '--config', ini, '--fecha', DEMO_START] };
}

function query(file: string, sql: string): Row[] {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db.prepare(sql).all().map((r) => ({ ...r }));
  } finally {
    db.close();
  }
}

/** Rows of the add-on tables without ids and timestamps, in a stable order. */
function state(file: string) {
  return {
    tasks: query(file, `SELECT CLAVE, COD_CLIENT, EPISODIO, PASO, ESTADO, FECHA, CANALES, ROL, RESPONSABLE_EMAIL, ETAPA, NIVEL,
      DIAS_ATRASO, SALDO_VENCIDO, COMPROBANTES, MOTIVO_CIERRE FROM COB_TAREA ORDER BY CLAVE`),
    alerts: query(file, `SELECT COD_CLIENT, NIVEL, EPISODIO, DIAS_ATRASO, SALDO_VENCIDO, ETAPA, PROXIMO_PASO, FECHA_PROXIMA,
      RESPONSABLE, SUSPENDIDA_POR, MENSAJE FROM COB_ALERTA ORDER BY COD_CLIENT`),
    tiers: query(file, 'SELECT COD_CLIENT, NIVEL, NIVEL_DESDE, NIVEL_CANDIDATO FROM COB_CLIENTE ORDER BY COD_CLIENT'),
    mails: query(file, 'SELECT CLAVE, TIPO, DESTINATARIO, ESTADO, MESSAGE_ID, ASUNTO, CUERPO_TEXTO FROM COB_CORREO ORDER BY CLAVE'),
  };
}

/** Polls COB_TAREA until it has rows (the write phase started) and returns the count seen; -1 if the child ended first. */
async function waitForTasks(file: string, child: Child): Promise<number> {
  const probe = (): number => {
    try {
      return Number(query(file, 'SELECT COUNT(*) AS n FROM COB_TAREA')[0]!.n);
    } catch {
      return 0; // table not created yet, or busy for a moment
    }
  };
  while (child.proc.exitCode === null) {
    const n = probe();
    if (n > 0) return n;
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
  return -1;
}

describe('SIGKILL in the middle of the write phase', () => {
  it('the rerun completes: same tasks, alerts and mails as a clean run, none doubled, the dead lock taken over', async () => {
    dir = tempFolder('sigkill');
    const source = join(dir, 'erp-origen.sqlite');
    await generateDemoErp({ file: source, seed: DEMO_SEED, asOf: DEMO_START, installments: INSTALLMENTS });
    const clean = site('limpio', source);
    const killed = site('matado', source);

    const t0 = performance.now();
    const cleanRun = runCli(clean.args);
    children.push(cleanRun);
    expect(await cleanRun.exited, cleanRun.output()).toEqual({ code: 0, signal: null });
    const cleanMs = performance.now() - t0;

    const victim = runCli(killed.args);
    children.push(victim);
    const seen = await waitForTasks(killed.erpFile, victim);
    victim.proc.kill('SIGKILL');
    expect(await victim.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(seen, victim.output()).toBeGreaterThan(0);

    // Interrupted for real: the run never finished, the lock row of the dead process is still there, nothing was sent.
    const expected = state(clean.erpFile);
    const half = state(killed.erpFile);
    expect(query(killed.erpFile, 'SELECT ESTADO FROM COB_EJECUCION').map((r) => r.ESTADO)).toEqual(['en_curso']);
    const [lock] = query(killed.erpFile, 'SELECT DUENO FROM COB_BLOQUEO');
    expect(String(lock?.DUENO)).toMatch(new RegExp(`:${victim.proc.pid}$`));
    expect(half.mails.filter((m) => m.ESTADO === 'enviado')).toEqual([]);
    expect(half.tasks.length).toBeLessThan(expected.tasks.length);

    const rerun = runCli(killed.args);
    children.push(rerun);
    expect(await rerun.exited, rerun.output()).toEqual({ code: 0, signal: null });

    const after = state(killed.erpFile);
    expect(after.tasks).toEqual(expected.tasks);
    expect(after.alerts).toEqual(expected.alerts);
    expect(after.tiers).toEqual(expected.tiers);
    expect(after.mails.map((m) => [m.CLAVE, m.TIPO, m.DESTINATARIO, m.MESSAGE_ID])).toEqual(
      expected.mails.map((m) => [m.CLAVE, m.TIPO, m.DESTINATARIO, m.MESSAGE_ID]),
    );
    // Word for word: the digests and the supervisor's escalation notice keep the tasks the killed run had saved.
    expect(after.mails.filter((m) => m.TIPO === 'escalamiento')).toHaveLength(1);
    // The digests' one-time sign-in links are random: compared masked.
    expect(after.mails.map((m) => [m.ASUNTO, maskSignInLinks(m.CUERPO_TEXTO)])).toEqual(expected.mails.map((m) => [m.ASUNTO, maskSignInLinks(m.CUERPO_TEXTO)]));
    expect(after.mails.every((m) => m.ESTADO === 'enviado')).toBe(true);
    const files = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.eml')).sort();
    expect(files(killed.mailFolder)).toEqual(files(clean.mailFolder));
    expect(files(killed.mailFolder)).toHaveLength(expected.mails.length);
    // The killed run is closed as interrupted by the next one, which completes.
    expect(query(killed.erpFile, 'SELECT ESTADO FROM COB_EJECUCION ORDER BY ID').map((r) => r.ESTADO)).toEqual(['error', 'ok']);
    expect(String(query(killed.erpFile, 'SELECT ERROR FROM COB_EJECUCION ORDER BY ID LIMIT 1')[0]?.ERROR)).toMatch(/^interrumpido/);
    expect(query(killed.erpFile, 'SELECT COUNT(*) AS n FROM COB_BLOQUEO')[0]!.n).toBe(0);
    console.info(`SIGKILL: corrida limpia ${Math.round(cleanMs)} ms; tareas vistas al matar: ${seen} de ${expected.tasks.length}`);
  }, 120_000);
});
