/**
 * `verificar` (alias `doctor`): one line per check, «OK» or what to do, and a
 * non-zero exit code when any fails. `iniciar`: the set-up wizard, in Spanish,
 * reading answers line by line (a terminal or a pipe), that writes an INI only
 * after it validates.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { createServer } from 'node:net';
import { resolve, win32 } from 'node:path';
import { createInterface } from 'node:readline';
import { createSecureContext } from 'node:tls';
import type { Knex } from 'knex';
import { connectOrExplain, DatabaseConnectionError } from '../../connector/connection-errors';
import { openDatabase, type ConnectionConfig } from '../../connector/connection';
import { appliedVersions } from '../../connector/addon/migrations';
import { addonTables } from '../../connector/addon/tables';
import type { ErpProfile } from '../../connector/profiles/profile';
import { CADENCIA_VIEWS, checkViews } from '../../connector/profiles/views';
import { ConfigError, loadConfig, parseConfigText, type AppConfig } from '../config';
import { profileFor } from '../context';
import { todayIn } from '../clock';
import { createTransport } from '../mail/transport';
import { parseMailbox, transportConfigOf, transportFor } from '../mail-transport';
import { domainOf, messageIdFor, outboxKey } from '../mail/outbox-mail';
import { configPath, type GlobalOptions } from './common';
import { explainDatabaseError } from './db-errors';
import { decodeOutput, SERVICE_NAME } from './commands-winservice';
import { publicUrlOf } from '../web/server';
import { listenProblem } from '../web/start';

// ---------------------------------------------------------------------------
// verificar / doctor
// ---------------------------------------------------------------------------

export interface CheckResult {
  name: string;
  ok: boolean;
  /** A point to look at that does not stop the service (printed as AVISO). */
  warning?: boolean;
  /** «OK» details, or what to do. */
  detail: string;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** T-SQL gets TOP (1) in its outer SELECT; SQLite gets a LIMIT 1 wrapper. Native @pN bindings become «?». */
export function limitOne(sql: string, bindings: readonly unknown[], dialect: 'mssql' | 'sqlite'): { sql: string; bindings: unknown[] } {
  const order: number[] = [];
  const positional = sql.replace(/@p(\d+)/g, (_m, n: string) => {
    order.push(Number(n));
    return '?';
  });
  const values = order.length > 0 ? order.map((i) => bindings[i]) : [...bindings];
  if (dialect === 'sqlite') return { sql: `select * from (${positional}) limit 1`, bindings: values };
  const topped = positional.replace(/^\s*select\s+(distinct\s+)?/i, (_m, d: string | undefined) => `select ${d ?? ''}top (1) `);
  return { sql: topped, bindings: values };
}

const dialectOfDb = (db: Knex): 'mssql' | 'sqlite' =>
  (db.client as { dialect?: string }).dialect === 'mssql' ? 'mssql' : 'sqlite';

async function checkErpReads(db: Knex, profile: ErpProfile, config: AppConfig): Promise<CheckResult[]> {
  const opts = {
    asOf: todayIn(config.calendar.timeZone),
    lookBackDays: config.rules.lookBackDays,
    lateThresholdDays: config.rules.tiers.lateThresholdDays,
    tolerance: config.rules.amounts.tolerance,
  };
  const out: CheckResult[] = [];
  for (const st of profile.statements(db, opts)) {
    const q = limitOne(st.sql, st.bindings, dialectOfDb(db));
    try {
      await db.raw(q.sql, q.bindings as Knex.RawBinding[]);
      out.push({ name: `lectura del ERP «${st.name}»`, ok: true, detail: 'OK' });
    } catch (err) {
      out.push({
        name: `lectura del ERP «${st.name}»`, ok: false,
        detail: explainDatabaseError(err, config.erp.tablePrefix) ??
          `${errorText(err)}. Revise que el usuario tenga SELECT sobre las tablas del ERP (cadencia db sql --tipo permisos).`,
      });
    }
  }
  return out;
}

/** The views profile: each CADENCIA_* view exists with its columns and compatible types. */
async function checkProfileViews(db: Knex): Promise<CheckResult> {
  const name = 'vistas CADENCIA_* del perfil «vistas»';
  try {
    const check = await checkViews(db, 'vistas');
    if (check.ok) return { name, ok: true, detail: `OK (${CADENCIA_VIEWS.length} vistas con sus columnas)` };
    return { name, ok: false, detail: `${check.problems.join(' ')} Vea sql/vistas-plantilla.sql.` };
  } catch (err) {
    return { name, ok: false, detail: `${errorText(err)}. Vea sql/vistas-plantilla.sql.` };
  }
}

async function checkOwnTables(db: Knex, config: AppConfig): Promise<CheckResult> {
  const tables = addonTables(config.erp.tablePrefix);
  const name = `tablas propias (${tables.ejecucion}…)`;
  try {
    const versions = await appliedVersions(db, tables).catch(() => [] as number[]);
    if (versions.length === 0) {
      return { name, ok: false, detail: 'no existen todavía: ejecute «cadencia db migrar» o pida al administrador de la base que ejecute sql/cadencia-crear.sql.' };
    }
    const trx = await db.transaction();
    try {
      await trx(tables.ejecucion).insert({ EMPRESA: 'verificar', FECHA_CORTE: todayIn(config.calendar.timeZone), INICIO: new Date(), ESTADO: 'en_curso' });
    } finally {
      await trx.rollback();
    }
    return { name, ok: true, detail: `OK (esquema versión ${Math.max(...versions)}; escritura probada y deshecha)` };
  } catch (err) {
    return { name, ok: false, detail: `${errorText(err)}. El usuario necesita INSERT/UPDATE/DELETE sobre las tablas ${config.erp.tablePrefix}* (cadencia db sql --tipo permisos).` };
  }
}

async function checkMail(config: AppConfig): Promise<CheckResult> {
  const transport = transportFor(config);
  const name = 'correo';
  try {
    await transport.verify();
    return { name, ok: true, detail: `OK (${transport.description})` };
  } catch (err) {
    return { name, ok: false, detail: `${errorText(err)}. Revise [correo] en el INI; pruebe con «cadencia correo probar su@correo».` };
  } finally {
    transport.close();
  }
}

export function checkClock(config: AppConfig, now: Date = new Date()): CheckResult {
  const tz = config.calendar.timeZone;
  const local = new Intl.DateTimeFormat('es-AR', { timeZone: tz, dateStyle: 'short', timeStyle: 'medium' }).format(now);
  const system = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (now.getUTCFullYear() < 2024) {
    return { name: 'reloj', ok: false, detail: `el reloj del equipo marca ${now.toISOString()}: corrija la fecha y hora (sincronización con internet).` };
  }
  return { name: 'reloj y zona horaria', ok: true, detail: `OK (${local} en ${tz}; zona del equipo: ${system})` };
}

/** The service's state: on Windows via «sc query»; elsewhere there is none to look at. */
export async function checkService(platform: NodeJS.Platform = process.platform): Promise<CheckResult> {
  const name = 'servicio de Windows';
  if (platform !== 'win32') return { name, ok: true, detail: 'no aplica (sólo en Windows)' };
  const out = await new Promise<{ code: number; text: string }>((done) => {
    execFile('sc', ['query', SERVICE_NAME], { encoding: 'buffer', windowsHide: true }, (err, stdout) => {
      done({ code: err ? 1 : 0, text: decodeOutput(stdout) });
    });
  });
  const state = /STATE\s*:\s*\d+\s+(\w+)/.exec(out.text)?.[1];
  if (!state) return { name, ok: false, detail: 'no está instalado: instale el MSI o ejecute «cadencia servicio instalar» como administrador.' };
  if (state === 'RUNNING') return { name, ok: true, detail: 'OK (en marcha)' };
  return { name, ok: false, detail: `está ${state === 'STOPPED' ? 'detenido' : state}: inícielo con «cadencia servicio iniciar».` };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Whether something already answers on the port, and whether it is cadencia's worklist (its sign-in page). */
function whoListens(port: number, tls: boolean): Promise<'cadencia' | 'otro'> {
  return new Promise((resolve) => {
    const get = tls ? httpsGet : httpGet;
    const req = get({ host: '127.0.0.1', port, path: '/ingresar', timeout: 10_000, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { if (body.length < 20_000) body += chunk; });
      res.on('end', () => resolve(body.includes('cadencia') ? 'cadencia' : 'otro'));
      res.on('error', () => resolve('otro'));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve('otro'));
  });
}

/** [web]: certificate files usable, port free (or taken by our own service), and passwords never in clear beyond this computer. */
export async function checkWeb(config: AppConfig, passwords: number): Promise<CheckResult[]> {
  const web = config.web;
  const name = 'lista de trabajo (web)';
  if (!web.enabled) return [{ name, ok: true, detail: 'OK (desactivada: [web] activa = no)' }];
  const out: CheckResult[] = [];
  const tls = web.tls;
  if (tls) {
    try {
      if (tls.kind === 'pem') createSecureContext({ cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) });
      else createSecureContext({ pfx: readFileSync(tls.pfxFile), ...(tls.passphrase ? { passphrase: tls.passphrase } : {}) });
    } catch (err) {
      const code = (err as { code?: string }).code;
      const why = code === 'ENOENT' ? `no se encontró el archivo (${errorText(err)})` : 'el certificado, su clave o la contraseña del PFX no son válidos o no corresponden entre sí';
      out.push({ name: `${name}: certificado`, ok: false, detail: `${why}. Revise certificado/clave_certificado o pfx/clave_pfx en [web].` });
    }
  }
  const free = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err));
    server.listen({ host: web.host, port: web.port }, () => server.close(() => resolve(null)));
  });
  if (free === null) {
    out.push({ name, ok: true, detail: `OK (puerto ${web.port} libre en ${web.host}; el personal abre ${publicUrlOf(web)})` });
  } else if (free.code === 'EADDRINUSE' && (await whoListens(web.port, tls !== null)) === 'cadencia') {
    out.push({ name, ok: true, detail: `OK (el servicio ya la sirve en el puerto ${web.port}: ${publicUrlOf(web)})` });
  } else {
    out.push({ name, ok: false, detail: `${listenProblem(free, web.host, web.port)}.` });
  }
  if (!tls && !LOOPBACK.has(web.host)) {
    out.push({
      name: `${name}: cifrado`, ok: true, warning: true,
      detail: `sin certificado, ${passwords > 0 ? `las contraseñas de ${passwords} ${passwords === 1 ? 'usuario viajan' : 'usuarios viajan'}` : 'las contraseñas (si alguien define una) y los enlaces de ingreso viajarían'} sin cifrar por la red. ` +
        'Configure un certificado en [web] (certificado y clave_certificado, o pfx) o use [web] direccion = 127.0.0.1.',
    });
  }
  return out;
}

async function countPasswords(db: Knex, config: AppConfig): Promise<number> {
  const t = addonTables(config.erp.tablePrefix);
  try {
    if (!(await db.schema.hasTable(t.usuario))) return 0;
    const rows = (await db(t.usuario).whereNotNull('CLAVE').count({ n: '*' })) as { n: number | string }[];
    return Number(rows[0]?.n ?? 0);
  } catch {
    return 0;
  }
}

export async function runChecks(config: AppConfig, platform: NodeJS.Platform = process.platform): Promise<CheckResult[]> {
  const warned = config.warnings.length > 0 ? `; aviso: ${config.warnings.join(' | ')}` : '';
  const results: CheckResult[] = [{ name: 'configuración', ok: true, detail: `OK (${config.file})${warned}` }];
  const db = openDatabase(config.erp.connection);
  let passwords = 0;
  try {
    await connectOrExplain(db, config.erp.connection);
    results.push({ name: 'base de datos', ok: true, detail: `OK (${describeConnection(config.erp.connection)})` });
    if (config.erp.profile === 'vistas') results.push(await checkProfileViews(db));
    results.push(...(await checkErpReads(db, profileFor(config.erp.profile), config)));
    results.push(await checkOwnTables(db, config));
    passwords = await countPasswords(db, config);
  } catch (err) {
    const line = err instanceof DatabaseConnectionError ? err.message : explainDatabaseError(err, config.erp.tablePrefix) ?? errorText(err);
    results.push({ name: 'base de datos', ok: false, detail: line });
  } finally {
    await db.destroy();
  }
  results.push(await checkMail(config));
  results.push(checkClock(config));
  results.push(...(await checkWeb(config, passwords)));
  results.push(await checkService(platform));
  return results;
}

function describeConnection(c: ConnectionConfig): string {
  return c.kind === 'sqlite' ? c.file : `${c.host}${c.instance ? `\\${c.instance}` : ''}/${c.database}`;
}

export async function doctor(opts: GlobalOptions, platform: NodeJS.Platform = process.platform): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(configPath(opts));
  } catch (err) {
    console.log('ERROR configuración:');
    if (err instanceof ConfigError) for (const line of err.lines()) console.log(`  ${line}`);
    else console.log(`  ${errorText(err)}`);
    process.exitCode = 1;
    return;
  }
  const results = await runChecks(config, platform);
  for (const r of results) {
    // «OK (detalle)» shows as «OK    nombre: detalle»; other details stay whole, closing parenthesis included.
    const detail = r.ok ? (/^OK \((.*)\)$/s.exec(r.detail)?.[1] ?? r.detail.replace(/^OK\b ?/, '')) : r.detail;
    console.log(`${r.warning ? 'AVISO' : r.ok ? 'OK   ' : 'ERROR'} ${r.name}${detail ? `: ${detail}` : ''}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(failed === 0 ? '\nTodo en orden.' : `\n${failed} ${failed === 1 ? 'verificación falló' : 'verificaciones fallaron'}.`);
  if (failed > 0) process.exitCode = 1;
}

// ---------------------------------------------------------------------------
// iniciar (set-up wizard)
// ---------------------------------------------------------------------------

/** Line-by-line questions that work the same on a terminal and on piped input. */
export class Prompter {
  private readonly lines: AsyncIterator<string>;
  private closed = false;
  private readonly echo: boolean;
  constructor(
    input: NodeJS.ReadableStream,
    private readonly write: (text: string) => void,
  ) {
    this.echo = !(input as { isTTY?: boolean }).isTTY;
    this.lines = createInterface({ input, crlfDelay: Infinity, terminal: false })[Symbol.asyncIterator]();
  }

  async ask(question: string, fallback = ''): Promise<string> {
    this.write(`${question}${fallback ? ` [${fallback}]` : ''}: `);
    if (this.closed) throw new Error('Se terminó la entrada antes de completar el asistente.');
    const next = await this.lines.next();
    if (next.done) {
      this.closed = true;
      throw new Error('Se terminó la entrada antes de completar el asistente.');
    }
    const answer = next.value.trim();
    // Piped answers are echoed, so a log of the run reads like the session.
    this.write(this.echo ? `${answer}\n` : '');
    return answer === '' ? fallback : answer;
  }

  async choose<T extends string>(question: string, options: readonly T[], fallback: T): Promise<T> {
    for (;;) {
      const a = (await this.ask(`${question} (${options.join('/')})`, fallback)).toLowerCase();
      const hit = options.find((o) => o === a);
      if (hit) return hit;
      this.write(`  Responda ${options.join(' o ')}.\n`);
    }
  }

  async yes(question: string, fallback: boolean): Promise<boolean> {
    return (await this.choose(question, ['si', 'no'] as const, fallback ? 'si' : 'no')) === 'si';
  }
}

export interface WizardAnswers {
  company: string;
  /** [erp] perfil; tango when absent. */
  profile?: 'tango' | 'bejerman' | 'vistas';
  erp: { motor: 'sqlserver'; server: string; database: string; auth: 'sql' | 'windows'; user: string; password: string; domain: string;
    encrypt: boolean; trustCertificate: boolean } | { motor: 'sqlite'; file: string };
  mail: { mode: 'carpeta'; folder: string } | { mode: 'smtp'; host: string; port: string; security: string; auth: 'clave' | 'ninguna'; user: string; password: string };
  from: string;
  collector: string;
  supervisor: string;
  sellers: [string, string][];
}

/** Values with ; or # (or surrounding spaces) go in double quotes, as the INI reader expects. */
const iniValue = (v: string): string => (/[;#"]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '\\"')}"` : v);

export function wizardIni(a: WizardAnswers): string {
  const L: string[] = [
    '; cadencia — configuración creada por «cadencia iniciar».',
    '; Las reglas que no figuran toman sus valores por defecto: vea cadencia.ejemplo.ini para cambiarlas.',
    '; Verifique el archivo con «cadencia verificar».',
    '',
    '[empresa]',
    `nombre = ${iniValue(a.company)}`,
    '',
    '[erp]',
    `perfil = ${a.profile ?? 'tango'}`,
    `motor = ${a.erp.motor}`,
  ];
  if (a.erp.motor === 'sqlite') L.push(`archivo = ${iniValue(a.erp.file)}`);
  else {
    L.push(`servidor = ${iniValue(a.erp.server)}`, `base = ${iniValue(a.erp.database)}`, `autenticacion = ${a.erp.auth}`);
    if (a.erp.auth === 'windows') L.push(`dominio = ${iniValue(a.erp.domain)}`);
    L.push(`usuario = ${iniValue(a.erp.user)}`, `clave = ${iniValue(a.erp.password)}`);
    L.push(`cifrar = ${a.erp.encrypt ? 'si' : 'no'}`, `confiar_certificado = ${a.erp.trustCertificate ? 'si' : 'no'}`);
  }
  L.push('', '[correo]', `modo = ${a.mail.mode}`);
  if (a.mail.mode === 'carpeta') L.push(`carpeta = ${iniValue(a.mail.folder)}`);
  else {
    L.push(`servidor = ${iniValue(a.mail.host)}`, `puerto = ${a.mail.port}`, `seguridad = ${a.mail.security}`, `autenticacion = ${a.mail.auth}`);
    if (a.mail.auth === 'clave') L.push(`usuario = ${iniValue(a.mail.user)}`, `clave = ${iniValue(a.mail.password)}`);
  }
  L.push(`remitente = ${iniValue(a.from)}`, '', '[personal]', `cobrador = ${iniValue(a.collector)}`, `supervisor = ${iniValue(a.supervisor)}`,
    'sin_vendedor = cobrador', '', '[vendedores]');
  for (const [code, person] of a.sellers) L.push(`${code} = ${iniValue(person)}`);
  return `${L.join('\r\n')}\r\n`;
}

const defaultIniFile = (opts: GlobalOptions): string => {
  if (opts.config) return resolve(opts.config);
  if (process.env.CADENCIA_INI) return resolve(process.env.CADENCIA_INI);
  if (process.platform === 'win32' && process.env.ProgramData) return win32.join(process.env.ProgramData, 'cadencia', 'cadencia.ini');
  return resolve('cadencia.ini');
};

async function askConnection(p: Prompter): Promise<WizardAnswers['erp']> {
  const motor = await p.choose('Motor de base de datos del ERP', ['sqlserver', 'sqlite'] as const, 'sqlserver');
  if (motor === 'sqlite') return { motor, file: await p.ask('Archivo SQLite de la base (demostración)', 'demo/erp-demo.sqlite') };
  const server = await p.ask('Servidor SQL Server (SERVIDOR o SERVIDOR\\INSTANCIA)', 'localhost\\AXSQLEXPRESS');
  const database = await p.ask('Base de datos de la empresa');
  const auth = await p.choose('Autenticación', ['sql', 'windows'] as const, 'sql');
  const domain = auth === 'windows' ? await p.ask('Dominio') : '';
  const user = await p.ask('Usuario', auth === 'sql' ? 'cadencia' : '');
  const password = await p.ask('Clave (o ${VARIABLE} para tomarla del entorno)');
  const encrypt = await p.yes('¿Cifrar la conexión?', true);
  const trustCertificate = encrypt ? await p.yes('¿Aceptar un certificado autofirmado del servidor?', true) : false;
  return { motor, server, database, auth, user, password, domain, encrypt, trustCertificate };
}

async function askMail(p: Prompter): Promise<WizardAnswers['mail']> {
  const mode = await p.choose('Envío de correo: smtp, o carpeta (prueba, sin enviar)', ['smtp', 'carpeta'] as const, 'smtp');
  if (mode === 'carpeta') return { mode, folder: await p.ask('Carpeta para los correos', 'correo') };
  const host = await p.ask('Servidor SMTP', 'smtp.office365.com');
  const security = await p.choose('Seguridad', ['starttls', 'tls', 'ninguna'] as const, 'starttls');
  const port = await p.ask('Puerto', security === 'tls' ? '465' : security === 'starttls' ? '587' : '25');
  const auth = await p.choose('Autenticación SMTP', ['clave', 'ninguna'] as const, 'clave');
  const user = auth === 'clave' ? await p.ask('Usuario SMTP') : '';
  const password = auth === 'clave' ? await p.ask('Clave SMTP (o ${VARIABLE})') : '';
  return { mode, host, port, security, auth, user, password };
}

/** A configuration from the answers (validated in memory; nothing written). */
function validated(text: string, file: string): AppConfig {
  return parseConfigText(text, file);
}

export interface WizardIo {
  input: NodeJS.ReadableStream;
  write: (text: string) => void;
}

export async function setupWizard(opts: GlobalOptions, io: WizardIo = { input: process.stdin, write: (t) => process.stdout.write(t) }): Promise<void> {
  const p = new Prompter(io.input, io.write);
  const say = (line: string): void => io.write(`${line}\n`);
  say('Asistente de configuración de cadencia. Enter acepta el valor entre corchetes.\n');
  const file = resolve(await p.ask('Archivo de configuración a crear', defaultIniFile(opts)));
  if (existsSync(file) && !(await p.yes(`${file} ya existe. ¿Reemplazarlo? (se guarda una copia .anterior)`, false))) {
    say('No se modificó nada.');
    return;
  }
  const company = await p.ask('Nombre de la empresa');
  const profile = await p.choose('ERP («vistas»: otro ERP, con las vistas de sql/vistas-plantilla.sql)', ['tango', 'bejerman', 'vistas'] as const, 'tango');

  // Connection, tested, and the ERP's sellers for the mapping.
  let erp: WizardAnswers['erp'] | null = null;
  let sellers: { code: string; name: string; email: string | null }[] = [];
  const base: WizardAnswers = {
    company, profile, erp: { motor: 'sqlite', file: 'x' }, mail: { mode: 'carpeta', folder: 'correo' },
    from: 'cobranzas@example.com', collector: 'Cobranzas <cobranzas@example.com>', supervisor: 'Cobranzas <cobranzas@example.com>', sellers: [],
  };
  for (let attempt = 1; attempt <= 3 && !erp; attempt++) {
    const candidate = await askConnection(p);
    try {
      const cfg = validated(wizardIni({ ...base, erp: candidate }), file);
      say('Probando la conexión…');
      const db = openDatabase(cfg.erp.connection);
      try {
        await db.raw('select 1 as uno');
        sellers = (await profileFor(cfg.erp.profile).sellers(db, () => undefined)).map((s) => ({ code: s.code, name: s.name, email: s.email ?? null }));
      } finally {
        await db.destroy();
      }
      say(`Conexión correcta: ${sellers.length} vendedores en el ERP.`);
      erp = candidate;
    } catch (err) {
      say(`No se pudo conectar: ${err instanceof ConfigError ? err.lines().join(' | ') : errorText(err)}`);
      if (attempt === 3) throw new Error('No se pudo conectar a la base del ERP; no se escribió el archivo.', { cause: err });
      say('Intente de nuevo.');
    }
  }

  const mail = await askMail(p);
  const from = await p.ask('Remitente de los correos («Nombre <correo>»)');
  const collector = await p.ask('Cobrador («Nombre <correo>»)');
  const supervisor = await p.ask('Supervisor («Nombre <correo>»)', collector);

  say('\nCorreo de cada vendedor del ERP («Nombre <correo>»; vacío = sus tareas van al cobrador).');
  const mapping: [string, string][] = [];
  for (const s of sellers.filter((x) => x.code !== '**')) {
    const suggested = s.email ? `${s.name} <${s.email}>` : '';
    const answer = await p.ask(`  Vendedor ${s.code} ${s.name}`, suggested);
    if (answer && answer !== '-') mapping.push([s.code, answer]);
  }

  const answers: WizardAnswers = { company, profile, erp: erp!, mail, from, collector, supervisor, sellers: mapping };
  const text = wizardIni(answers);
  let config: AppConfig;
  try {
    config = validated(text, file);
  } catch (err) {
    if (err instanceof ConfigError) for (const line of err.lines()) say(line);
    throw new Error('La configuración no es válida; no se escribió el archivo.', { cause: err });
  }

  const testTo = mail.mode === 'smtp' ? await p.ask('Enviar un correo de prueba a (vacío = no enviar)') : '';
  if (testTo) {
    const transport = createTransport(transportConfigOf(config));
    try {
      const to = parseMailbox(testTo).email;
      const key = outboxKey(to, todayIn(config.calendar.timeZone), 'prueba', `asistente ${Date.now()}`);
      const r = await transport.send({
        key, kind: 'prueba', date: todayIn(config.calendar.timeZone), to, subject: 'cadencia: correo de prueba del asistente',
        text: `Correo de prueba enviado por el asistente de configuración de cadencia para ${company}.`,
        html: `<p>Correo de prueba enviado por el asistente de configuración de cadencia para ${company.replace(/[<>&"]/g, '')}.</p>`,
        messageId: messageIdFor(key, domainOf(parseMailbox(from).email)),
      });
      say(`Correo de prueba enviado a ${to} (${r.response}).`);
    } catch (err) {
      say(`No se pudo enviar el correo de prueba: ${errorText(err)}. El archivo se escribe igual; revise [correo] y use «cadencia correo probar».`);
    } finally {
      transport.close();
    }
  }

  if (existsSync(file)) renameSync(file, `${file}.anterior`);
  writeFileSync(file, text, 'utf8');
  say(`\nConfiguración escrita en ${file}.`);
  say(`Siguientes pasos: «cadencia verificar --config "${file}"»${process.platform === 'win32' ? ' y «cadencia servicio iniciar»' : ''}.`);
}
