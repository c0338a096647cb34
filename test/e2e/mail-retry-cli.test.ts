/**
 * Issue 15 item 3 from the command line, against a real SMTP server on
 * 127.0.0.1: a 5xx answer fails the mail at once, a 4xx one keeps it pending,
 * an outage spends nothing; `estado` lists the failed mails with the server's
 * reason and `correo reintentar` (all, by number, by day) requeues and sends them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../connector/connection';
import { addonTables } from '../../connector/addon/tables';
import { generateDemoErp } from '../../connector/demo-erp';
import { DEMO_START } from '../../service/cli/commands-demo';
import { closedPort, startSmtp, type TestSmtp } from '../mail/helpers';
import { runCli, writeIni } from './cli-process';

let dir: string;
let smtp: TestSmtp;
let ini: string;

async function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = runCli([...args, '--config', ini]);
  const { code } = await child.exited;
  return { code, out: child.output() };
}

/** The example INI sending through the test server (no TLS, no login) instead of writing files. */
function smtpIni(file: string, port: number): void {
  writeIni(file, { erpFile: join(dir, 'erp.sqlite'), mailFolder: join(dir, 'correo'), logFolder: join(dir, 'registros') });
  const text = readFileSync(file, 'utf8').replace(
    /^modo = carpeta\ncarpeta = .*$/m,
    `modo = smtp\nservidor = 127.0.0.1\npuerto = ${port}\nseguridad = ninguna\nautenticacion = ninguna\ntiempo_espera_seg = 3`,
  );
  writeFileSync(file, text);
}

async function outbox(): Promise<Record<string, unknown>[]> {
  const db = openDatabase({ kind: 'sqlite', file: join(dir, 'erp.sqlite') });
  try {
    return (await db(addonTables().correo).select('ID', 'DESTINATARIO', 'ESTADO', 'INTENTOS', 'RESPUESTA').orderBy('ID')) as Record<string, unknown>[];
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-reintentar-'));
  await generateDemoErp({ file: join(dir, 'erp.sqlite'), seed: 42, asOf: DEMO_START });
  smtp = await startSmtp();
  ini = join(dir, 'cadencia.ini');
  smtpIni(ini, smtp.port);
});
afterAll(async () => {
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

// Each step runs the real CLI (a few seconds per process on a loaded machine).
const SLOW = 240_000;

describe('correo reintentar and estado', () => {
  it('a 5xx answer fails the test mail at once; a 4xx one keeps it pending with one attempt spent', async () => {
    smtp.rejectRecipients.set('baja@acme.test', { code: 550, text: '5.1.1 <baja@acme.test>: Recipient address rejected: User unknown' });
    smtp.rejectRecipients.set('llena@acme.test', { code: 452, text: '4.2.2 Mailbox full' });
    const rejected = await cli(['correo', 'probar', 'baja@acme.test']);
    expect(rejected.code).toBe(1);
    expect(rejected.out).toContain('550 5.1.1 <baja@acme.test>: Recipient address rejected: User unknown');
    expect(rejected.out).toContain('El servidor lo rechazó: no se reintenta.');
    const full = await cli(['correo', 'probar', 'llena@acme.test']);
    expect(full.code).toBe(1);
    expect(full.out).toContain('el servicio lo reintentará');
    expect((await outbox()).map((r) => [r.ID, r.ESTADO, r.INTENTOS])).toEqual([[1, 'fallido', 1], [2, 'pendiente', 1]]);
  }, SLOW);

  it('estado lists the failed mail with its number, day, recipient and the server reason, and how to requeue it', async () => {
    const status = await cli(['estado']);
    expect(status.code).toBe(0);
    expect(status.out).toMatch(new RegExp('CORREOS FALLIDOS \\(1\\)\\n {2}n\\.º 1 · \\d\\d/\\d\\d/\\d{4} · prueba · baja@acme\\.test · 1 intento\\(s\\)\\n' +
      ' {4}Rechazado por el servidor \\(definitivo, no se reintenta\\): 550 5\\.1\\.1 <baja@acme\\.test>: Recipient address rejected: User unknown'));
    expect(status.out).toContain('Para volver a enviarlos: «cadencia correo reintentar» (todos)');
    expect(status.out).toContain('CORREOS PENDIENTES CON ERROR (1; se reintentan solos)\n  1 × Rechazado por el servidor (temporal): 452 4.2.2 Mailbox full');
  }, SLOW);

  it('unknown numbers, a mail that is not failed and a day with nothing failed change nothing', async () => {
    const unknown = await cli(['correo', 'reintentar', '99']);
    expect(unknown.code).toBe(2);
    expect(unknown.out.trim()).toBe('No existe el correo n.º 99 en la cola (vea «cadencia estado»).');
    const notFailed = await cli(['correo', 'reintentar', '2']);
    expect(notFailed.out).toContain('El correo n.º 2 no está fallido (estado: pendiente); no se toca.');
    expect(notFailed.out).toContain('No hay correos fallidos con esos números para reintentar.');
    const otherDay = await cli(['correo', 'reintentar', '--fecha', '2020-01-31']);
    expect(otherDay.out.trim()).toBe('No hay correos fallidos del 31/01/2020 para reintentar.');
    expect((await outbox()).map((r) => [r.ESTADO, r.INTENTOS])).toEqual([['fallido', 1], ['pendiente', 1]]);
  }, SLOW);

  it('reintentar requeues and sends: refused again it fails at once; once the server takes it, it goes out once', async () => {
    const again = await cli(['correo', 'reintentar']);
    expect(again.code).toBe(1);
    expect(again.out).toContain('1 correo(s) fallido(s) vuelven a la cola con los intentos en cero.');
    expect(again.out).toMatch(/n\.º 1 · .* · prueba · baja@acme\.test: volvió a fallar: Rechazado por el servidor \(definitivo/);

    smtp.rejectRecipients.delete('baja@acme.test');
    const ok = await cli(['correo', 'reintentar', '1']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/n\.º 1 · .* · prueba · baja@acme\.test: enviado\./);
    expect(smtp.received.flatMap((r) => r.rcptTo)).toEqual(['baja@acme.test']);
    const after = await cli(['estado']);
    expect(after.out).not.toContain('CORREOS FALLIDOS');
    // The 4xx mail may have been retried by these drains (once due); it is still pending, never failed.
    expect((await outbox()).map((r) => r.ESTADO)).toEqual(['enviado', 'pendiente']);
    expect((await outbox())[0]!.INTENTOS).toBe(0);
  }, SLOW);

  it('with the server down the test mail waits without spending an attempt', async () => {
    const down = join(dir, 'caido.ini');
    smtpIni(down, await closedPort());
    const child = runCli(['correo', 'probar', 'ana@acme.test', '--config', down]);
    await child.exited;
    expect(child.output()).toMatch(/Servidor de correo no disponible: .*ECONNREFUSED/);
    expect(child.output()).toContain('el servicio lo reintentará');
    const last = (await outbox()).at(-1)!;
    expect(last).toMatchObject({ ESTADO: 'pendiente', INTENTOS: 0 });

    // A cycle with the server down completes; its digests wait, no attempt spent, and it says why.
    const before = (await outbox()).length;
    const cycle = runCli(['ejecutar', '--una-vez', '--fecha', DEMO_START, '--config', down]);
    expect((await cycle.exited).code, cycle.output()).toBe(0);
    expect(cycle.output()).toMatch(/Correos encolados: (\d+) · enviados: 0, fallidos: 0, en espera: \d+/);
    expect(cycle.output()).toMatch(/El servidor de correo no está disponible; los correos esperan sin gastar intentos \(Servidor de correo no disponible: .*ECONNREFUSED/);
    const queued = (await outbox()).slice(before);
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.every((r) => r.ESTADO === 'pendiente' && r.INTENTOS === 0)).toBe(true);
  }, SLOW);
});
