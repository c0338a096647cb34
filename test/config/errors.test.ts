import { afterEach, describe, expect, it } from 'vitest';
import { collectConfigErrors, ConfigError, loadConfig, parseConfigText } from '../../service/config';
import { addToSection, fixture, lineOf, replaceLine, TempDir } from './helpers';

const FILE = 'cadencia.ini';

/** The ConfigError a text raises (fails the test if it parses). */
function errorOf(text: string, env: NodeJS.ProcessEnv = {}): ConfigError {
  try {
    parseConfigText(text, FILE, env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('the INI was accepted');
}

const base = fixture('minimo.ini');

describe('a broken INI', () => {
  let tmp: TempDir | null = null;
  afterEach(() => tmp?.remove());

  it('names file, line, section and key of a bad number, in one line', () => {
    const text = `${base}\n[niveles.A]\ndias_vencido_max = 45\natraso_promedio_max = diez\n`;
    tmp = new TempDir();
    const file = tmp.write(FILE, text);
    let error: unknown;
    try {
      loadConfig(file, {});
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    const line = lineOf(text, 'atraso_promedio_max');
    expect(e.message).toBe(`${file}:${line}: [niveles.A] atraso_promedio_max: se esperaba un número entre 0 y 3650, se encontró «diez»`);
    expect(e).toMatchObject({ file, line, section: 'niveles.A', key: 'atraso_promedio_max' });
    expect(e.message).not.toContain('\n');
  });

  it('rejects a misspelt key and suggests the closest valid one', () => {
    const text = `${base}\n[promesas]\ndias_gracias = 5\n`;
    const e = errorOf(text);
    expect(e.message).toBe(`${FILE}:${lineOf(text, 'dias_gracias')}: [promesas] dias_gracias: clave desconocida (¿quiso decir «dias_gracia»?)`);
  });

  it('rejects an unknown section and suggests the closest one', () => {
    const text = `${base}\n[calendaro]\nzona_horaria = America/Argentina/Cordoba\n`;
    const e = errorOf(text);
    expect(e.message).toBe(`${FILE}:${lineOf(text, '[calendaro]')}: [calendaro]: sección desconocida (¿quiso decir «calendario»?)`);
    expect(errorOf(`${base}\n[niveles.D]\n`).message).toMatch(/\[niveles\.D\]: sección desconocida/);
  });

  it('rejects an unknown channel, a bad template and a malformed step, naming the part', () => {
    const channel = `${base}\n[cadencia.A]\npaso1 = -3 | email, fax | recordatorio | vendedor | preventiva\n`;
    expect(errorOf(channel).message).toBe(
      `${FILE}:${lineOf(channel, 'paso1')}: [cadencia.A] paso1: canal: se esperaba email, whatsapp, telefono o carta, se encontró «fax»`,
    );
    const template = `${base}\n[cadencia.B]\npaso1 = 7 | email | primer_aviso | vendedor | administrativa\n`;
    expect(errorOf(template).message).toBe(
      `${FILE}:${lineOf(template, 'paso1')}: [cadencia.B] paso1: plantilla: se esperaba recordatorio, primer-aviso, seguimiento, escalamiento o intimacion, se encontró «primer_aviso» (¿quiso decir «primer-aviso»?)`,
    );
    const short = `${base}\n[cadencia.B]\npaso1 = 7 | email | primer-aviso\n`;
    expect(errorOf(short).message).toMatch(/^cadencia\.ini:\d+: \[cadencia\.B\] paso1: se esperaban 5 partes separadas por «\|»/);
    const key = `${base}\n[cadencia.B]\nprimero = 7 | email | primer-aviso | vendedor | administrativa\n`;
    expect(errorOf(key).message).toMatch(/\[cadencia\.B\] primero: clave desconocida «primero»: los pasos se llaman paso1, paso2/);
  });

  it('rejects steps out of order and repeated offsets, at the offending line', () => {
    const order = `${base}\n[cadencia.C]\npaso1 = 30 | telefono | seguimiento | cobrador | administrativa\n`
      + 'paso2 = 7 | email | primer-aviso | cobrador | administrativa\n';
    const e = errorOf(order);
    expect(e.line).toBe(lineOf(order, 'paso2'));
    expect(e.message).toContain('[cadencia.C] paso2: pasos fuera de orden');
    const repeated = `${base}\n[cadencia.C]\npaso1 = 7 | telefono | seguimiento | cobrador | administrativa\n`
      + 'paso2 = 7 | email | primer-aviso | cobrador | administrativa\n';
    expect(errorOf(repeated).message).toBe(
      `${FILE}:${lineOf(repeated, 'paso2')}: [cadencia.C] paso2: paso repetido: paso1 ya está a 7 días del vencimiento`,
    );
    const empty = `${base}\n[cadencia.A]\n`;
    expect(errorOf(empty).message).toMatch(/^cadencia\.ini:\d+: \[cadencia\.A\]: la sección no tiene pasos/);
  });

  it('rejects a repeated key and a repeated section, pointing at the earlier line', () => {
    const key = addToSection(base, 'empresa', 'nombre = Otra SRL');
    const e = errorOf(key);
    const second = lineOf(key, 'nombre', lineOf(key, 'nombre') + 1);
    expect(e.message).toBe(`${FILE}:${second}: [empresa] nombre: clave repetida (ya definida en la línea ${lineOf(key, 'nombre')})`);
    const section = `${base}\n[empresa]\ntelefono = 4000-0000\n`;
    const header = lineOf(section, '[empresa]', lineOf(section, '[empresa]') + 1);
    expect(errorOf(section).message).toBe(
      `${FILE}:${header}: [empresa]: sección repetida (ya aparece en la línea ${lineOf(section, '[empresa]')}); junte sus claves en una sola`,
    );
  });

  it('rejects bad times, impossible dates and hours in the wrong order', () => {
    const time = `${base}\n[servicio]\nresumen_hora = 8.30\n`;
    expect(errorOf(time).message).toBe(
      `${FILE}:${lineOf(time, 'resumen_hora')}: [servicio] resumen_hora: se esperaba una hora HH:MM (p. ej. 08:30), se encontró «8.30»`,
    );
    const date = `${base}\n[calendario]\nferiados_extra = 2026-12-24, 2026-02-30\n`;
    expect(errorOf(date).message).toBe(
      `${FILE}:${lineOf(date, 'feriados_extra')}: [calendario] feriados_extra: se esperaba una fecha real AAAA-MM-DD (p. ej. 2026-12-24), se encontró «2026-02-30»`,
    );
    const window = `${base}\n[contacto]\nventana_desde = 18:00\nventana_hasta = 09:00\n`;
    expect(errorOf(window).message).toMatch(new RegExp(`:${lineOf(window, 'ventana_hasta')}: \\[contacto\\] ventana_hasta: debe ser posterior a ventana_desde`));
  });

  it('rejects ambiguous thousands separators and values out of range', () => {
    const money = `${base}\n[importes]\nminimo_vencido = 1.500\n`;
    expect(errorOf(money).message).toContain('sin separador de miles (escriba 1500 o 1,5), se encontró «1.500»');
    const share = `${base}\n[niveles.B]\nproporcion_tarde_max = 1,5\n`;
    expect(errorOf(share).message).toContain('se esperaba un número entre 0 y 1 (o un porcentaje, p. ej. 10%), se encontró «1,5»');
  });

  it('bounds every amount and day (400 nines are not a tolerance) and keeps tier A no looser than B', () => {
    const nines = '9'.repeat(400);
    const huge = `${base}\n[importes]\ntolerancia = ${nines}\n`;
    expect(errorOf(huge).message).toBe(
      `${FILE}:${lineOf(huge, 'tolerancia')}: [importes] tolerancia: se esperaba un número entre 0 y 1000000, se encontró «${nines}»`,
    );
    const days = `${base}\n[niveles.A]\natraso_promedio_max = ${nines},5\n[promesas]\ndias_gracia = ${nines}\n`;
    expect(errorOf(days).lines()).toEqual([
      `${FILE}:${lineOf(days, 'atraso_promedio_max')}: [niveles.A] atraso_promedio_max: se esperaba un número entre 0 y 3650, se encontró «${nines},5»`,
      `${FILE}:${lineOf(days, 'dias_gracia')}: [promesas] dias_gracia: se esperaba un número entero entre 0 y 365, se encontró «${nines}»`,
    ]);
    const balance = `${base}\n[niveles.B]\nsaldo_vencido_max = 1e400\nvencido_sobre_credito_max = 5000\n`;
    expect(errorOf(balance).lines()).toEqual([
      `${FILE}:${lineOf(balance, 'saldo_vencido_max')}: [niveles.B] saldo_vencido_max: se esperaba un número entre 0 y 1000000000000 o «sin_limite», se encontró «1e400»`,
      `${FILE}:${lineOf(balance, 'vencido_sobre_credito_max')}: [niveles.B] vencido_sobre_credito_max: se esperaba un número entre 0 y 100 o «sin_limite», se encontró «5000»`,
    ]);
    // A looser than B: reported where the looser value is written, or at B's value when only B is written.
    const looser = `${base}\n[niveles.A]\ndias_vencido_max = 90\nsaldo_vencido_max = sin_limite\n[niveles.B]\nsaldo_vencido_max = 250000\natraso_promedio_max = 5\n`;
    expect(errorOf(looser).lines()).toEqual([
      `${FILE}:${lineOf(looser, 'dias_vencido_max')}: [niveles.A] dias_vencido_max: el nivel A no puede ser más permisivo que el B: 90 supera el valor de [niveles.B] (60)`,
      `${FILE}:${lineOf(looser, 'saldo_vencido_max = sin')}: [niveles.A] saldo_vencido_max: el nivel A no puede ser más permisivo que el B: sin_limite supera el valor de [niveles.B] (250000)`,
      `${FILE}:${lineOf(looser, 'atraso_promedio_max')}: [niveles.B] atraso_promedio_max: el nivel A no puede ser más permisivo que el B: 7 supera el valor de [niveles.B] (5)`,
    ]);
    // Equal limits are allowed.
    expect(() => parseConfigText(`${base}\n[niveles.A]\ndias_vencido_max = 60\n`, FILE, {})).not.toThrow();
  });

  it('reports a missing required key at its section header, or at line 0 when the section is missing', () => {
    const noName = replaceLine(base, 'nombre', null);
    expect(errorOf(noName).message).toBe(`${FILE}:${lineOf(noName, '[empresa]')}: [empresa] nombre: falta; es obligatoria`);
    const noStaff = base.slice(0, base.indexOf('[personal]'));
    const e = errorOf(noStaff);
    expect(e.problems).toEqual([
      { line: 0, section: 'personal', key: 'cobrador', message: 'falta; es obligatoria (falta la sección [personal])' },
      { line: 0, section: 'personal', key: 'supervisor', message: 'falta; es obligatoria (falta la sección [personal])' },
    ]);
    expect(e.message).toBe(`${FILE}: [personal] cobrador: falta; es obligatoria (falta la sección [personal])`);
    const sqlserver = replaceLine(base, 'motor', 'motor = sqlserver');
    expect(errorOf(sqlserver).lines()).toEqual([
      `${FILE}:${lineOf(sqlserver, '[erp]')}: [erp] servidor: falta; es obligatoria con motor = sqlserver`,
      `${FILE}:${lineOf(sqlserver, '[erp]')}: [erp] base: falta; es obligatoria con motor = sqlserver`,
      `${FILE}:${lineOf(sqlserver, '[erp]')}: [erp] usuario: falta; es obligatoria con autenticacion = sql`,
      `${FILE}:${lineOf(sqlserver, '[erp]')}: [erp] clave: falta; es obligatoria con autenticacion = sql`,
    ]);
  });

  it('names the missing environment variable, line and key', () => {
    const text = replaceLine(base, 'archivo', 'archivo = ${CADENCIA_DEMO}/erp.sqlite');
    expect(errorOf(text, { OTRA: 'x' }).message).toBe(
      `${FILE}:${lineOf(text, 'archivo')}: [erp] archivo: la variable de entorno CADENCIA_DEMO no está definida`,
    );
    const bad = replaceLine(base, 'archivo', 'archivo = ${CADENCIA DEMO}');
    expect(errorOf(bad).message).toMatch(/\[erp\] archivo: referencia a variable de entorno mal escrita/);
  });

  it('never echoes a secret in any message', () => {
    const secret = 'Hunter2-muy-secreta';
    let text = replaceLine(base, 'motor', 'motor = sqlserver\nservidor = srv\nbase = B\nusuario = u');
    text = addToSection(text, 'erp', `clave = ${secret}`, `clave = ${secret}`, `calve = ${secret}`, `clave: ${secret}`);
    text = addToSection(text, 'correo', `oauth2_cliente_secreto = ${secret}`, `oauth2_token_refresco = ${secret}`);
    const e = errorOf(text);
    expect(e.problems.length).toBeGreaterThanOrEqual(3);
    for (const line of e.lines()) expect(line).not.toContain(secret);
    expect(e.lines()).toContain(`${FILE}:${lineOf(text, 'calve')}: [erp] calve: clave desconocida (¿quiso decir «clave»?)`);
    const fromEnv = replaceLine(base, 'motor', 'motor = sqlserver\nservidor = srv\nbase = B\nusuario = u\nclave = ${PW}');
    expect(errorOf(fromEnv, {}).message).toContain('la variable de entorno PW no está definida');
  });

  it('rejects lines that are not key = value, keys outside sections and junk after a header', () => {
    const text = `suelta = 1\n${base}\n[importes] ; montos\ntolerancia = 2\n[promesas]\ndias de gracia\n`;
    expect(errorOf(text).lines()).toEqual([
      `${FILE}:1: suelta: clave fuera de sección: póngala debajo de su «[sección]»`,
      `${FILE}:${lineOf(text, '[importes]')}: encabezado de sección inválido: se esperaba «[sección]» sola en la línea (los comentarios van en otra línea)`,
      `${FILE}:${lineOf(text, 'dias de gracia')}: [promesas]: línea inválida: se esperaba «clave = valor», «[sección]» o un comentario que empiece con «;»`,
    ]);
  });

  it('collects every problem, sorted by line, the first one in the message, and never returns a partial config', () => {
    const text = `${base}\n[servicio]\nciclo_cada_min = cada hora\n[vendedores]\n01 = Juan <juan-at-empresa>\n[registro]\nnivel = detallado\n`;
    const problems = collectConfigErrors(text, {});
    expect(problems.map((p) => p.key)).toEqual(['ciclo_cada_min', '01', 'nivel']);
    expect(problems.map((p) => p.line)).toEqual([lineOf(text, 'ciclo_cada_min'), lineOf(text, '01'), lineOf(text, 'nivel')]);
    const e = errorOf(text);
    expect(e.problems).toEqual(problems);
    expect(e.message).toBe(e.lines()[0]);
    expect(collectConfigErrors(base, {})).toEqual([]);
  });

  it('says when the file does not exist', () => {
    tmp = new TempDir();
    expect(() => loadConfig(`${tmp!.path}/no-existe.ini`, {})).toThrow(`${tmp.path}/no-existe.ini: no existe el archivo`);
  });
});
