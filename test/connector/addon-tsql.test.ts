import { describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { mssqlCompiler } from '../../connector/connection';
import { alertRow } from '../../connector/addon/alert-rows';
import { outboxRow } from '../../connector/addon/outbox-rows';
import { v1Tables } from '../../connector/addon/schema-v1';
import { rowsPerStatement } from '../../connector/addon/set-statements';
import { openTasksQuery } from '../../connector/addon/state';
import { addonTables } from '../../connector/addon/tables';
import { TASK_COLUMNS, taskRow } from '../../connector/addon/task-rows';
import {
  closeTasksStatement, deleteAlertsStatement, insertAlertsStatement, insertMailsStatement, insertTasksStatement,
  insertTierStatesStatement, refreshMailStatement, updateAlertsStatement, updateTierStatesStatement,
} from '../../connector/addon/write-statements';
import { alert, newTask } from './addon-helpers';

const k = mssqlCompiler();
const t = addonTables();
const NOW = new Date('2026-03-01T12:00:00Z');

type Compilable = { toSQL(): { toNative(): { sql: string; bindings: readonly unknown[] } } };

function native(q: Compilable | Knex.Raw): { sql: string; bindings: readonly unknown[] } {
  return (q as Compilable).toSQL().toNative();
}

/** No MERGE, no literal values: every value travels as an @pN parameter. */
function expectParameterised(q: Compilable | Knex.Raw): string {
  const { sql, bindings } = native(q);
  expect(sql).not.toMatch(/\bmerge\b/i);
  expect(sql).not.toContain("'");
  const params = new Set(sql.match(/@p\d+/g) ?? []);
  expect(params.size).toBe(bindings.length);
  return sql;
}

const tasks = [newTask('0001', 'D+7'), newTask('0002', 'D+30', { status: 'omitida' })].map((x) => taskRow(x, { name: 'Ana', email: 'ana@x' }, NOW));
const alerts = [alert('0001'), alert('0002')].map((a) => alertRow(a, null, NOW));
const mail = outboxRow({
  key: 'ana|2026-03-01|resumen', kind: 'resumen', date: '2026-03-01', to: 'ana@x', subject: 'S', html: '<p>h</p>', text: 'h', messageId: '<m@x>',
}, NOW);

describe('T-SQL of the write side', () => {
  it('inserts tasks with INSERT … SELECT … WHERE NOT EXISTS under UPDLOCK, HOLDLOCK', () => {
    expect(expectParameterised(insertTasksStatement(k, t, tasks))).toMatchInlineSnapshot(`"insert into [COB_TAREA] ([CLAVE], [COD_CLIENT], [EPISODIO], [PASO], [ESTADO], [FECHA], [CANALES], [PLANTILLA], [ROL], [RESPONSABLE], [RESPONSABLE_EMAIL], [ETAPA], [NIVEL], [DIAS_ATRASO], [SALDO_VENCIDO], [COMPROBANTES], [PROMESA_ID], [CREADA]) select [v].[CLAVE], [v].[COD_CLIENT], [v].[EPISODIO], [v].[PASO], [v].[ESTADO], [v].[FECHA], [v].[CANALES], [v].[PLANTILLA], [v].[ROL], [v].[RESPONSABLE], [v].[RESPONSABLE_EMAIL], [v].[ETAPA], [v].[NIVEL], [v].[DIAS_ATRASO], [v].[SALDO_VENCIDO], [v].[COMPROBANTES], [v].[PROMESA_ID], [v].[CREADA] from (select @p0 as [CLAVE], @p1 as [COD_CLIENT], @p2 as [EPISODIO], @p3 as [PASO], @p4 as [ESTADO], @p5 as [FECHA], @p6 as [CANALES], @p7 as [PLANTILLA], @p8 as [ROL], @p9 as [RESPONSABLE], @p10 as [RESPONSABLE_EMAIL], @p11 as [ETAPA], @p12 as [NIVEL], @p13 as [DIAS_ATRASO], @p14 as [SALDO_VENCIDO], @p15 as [COMPROBANTES], @p16 as [PROMESA_ID], @p17 as [CREADA] union all select @p18, @p19, @p20, @p21, @p22, @p23, @p24, @p25, @p26, @p27, @p28, @p29, @p30, @p31, @p32, @p33, @p34, @p35) as [v] where not exists (select 1 from [COB_TAREA] with (updlock, holdlock) where [COB_TAREA].[CLAVE] = [v].[CLAVE])"`);
  });

  it('closes only pending tasks by ID', () => {
    expect(expectParameterised(closeTasksStatement(k, t, [11, 12, 13], 'pagada', NOW))).toMatchInlineSnapshot(`"update [COB_TAREA] set [ESTADO] = @p0, [MOTIVO_CIERRE] = @p1, [CERRADA] = @p2 output inserted.[ID] as [ID] where [ID] in (@p3, @p4, @p5) and [ESTADO] = @p6"`);
  });

  it('upserts alerts as UPDATE … FROM then INSERT … WHERE NOT EXISTS, and deletes by code', () => {
    expect(expectParameterised(updateAlertsStatement(k, t, alerts))).toMatchInlineSnapshot(`"update [COB_ALERTA] set [NIVEL] = [v].[NIVEL], [EPISODIO] = [v].[EPISODIO], [DIAS_ATRASO] = [v].[DIAS_ATRASO], [SALDO_VENCIDO] = [v].[SALDO_VENCIDO], [SALDO_PENDIENTE] = [v].[SALDO_PENDIENTE], [SIN_APLICAR] = [v].[SIN_APLICAR], [ETAPA] = [v].[ETAPA], [PROXIMO_PASO] = [v].[PROXIMO_PASO], [FECHA_PROXIMA] = [v].[FECHA_PROXIMA], [ROL] = [v].[ROL], [RESPONSABLE] = [v].[RESPONSABLE], [SUSPENDIDA_POR] = [v].[SUSPENDIDA_POR], [MENSAJE] = [v].[MENSAJE], [ACTUALIZADA] = [v].[ACTUALIZADA] from (select @p0 as [COD_CLIENT], @p1 as [NIVEL], @p2 as [EPISODIO], @p3 as [DIAS_ATRASO], @p4 as [SALDO_VENCIDO], @p5 as [SALDO_PENDIENTE], @p6 as [SIN_APLICAR], @p7 as [ETAPA], @p8 as [PROXIMO_PASO], @p9 as [FECHA_PROXIMA], @p10 as [ROL], @p11 as [RESPONSABLE], @p12 as [SUSPENDIDA_POR], @p13 as [MENSAJE], @p14 as [ACTUALIZADA] union all select @p15, @p16, @p17, @p18, @p19, @p20, @p21, @p22, @p23, @p24, @p25, @p26, @p27, @p28, @p29) as [v] where [COB_ALERTA].[COD_CLIENT] = [v].[COD_CLIENT]"`);
    expect(expectParameterised(insertAlertsStatement(k, t, alerts))).toMatchInlineSnapshot(`"insert into [COB_ALERTA] ([COD_CLIENT], [NIVEL], [EPISODIO], [DIAS_ATRASO], [SALDO_VENCIDO], [SALDO_PENDIENTE], [SIN_APLICAR], [ETAPA], [PROXIMO_PASO], [FECHA_PROXIMA], [ROL], [RESPONSABLE], [SUSPENDIDA_POR], [MENSAJE], [ACTUALIZADA]) select [v].[COD_CLIENT], [v].[NIVEL], [v].[EPISODIO], [v].[DIAS_ATRASO], [v].[SALDO_VENCIDO], [v].[SALDO_PENDIENTE], [v].[SIN_APLICAR], [v].[ETAPA], [v].[PROXIMO_PASO], [v].[FECHA_PROXIMA], [v].[ROL], [v].[RESPONSABLE], [v].[SUSPENDIDA_POR], [v].[MENSAJE], [v].[ACTUALIZADA] from (select @p0 as [COD_CLIENT], @p1 as [NIVEL], @p2 as [EPISODIO], @p3 as [DIAS_ATRASO], @p4 as [SALDO_VENCIDO], @p5 as [SALDO_PENDIENTE], @p6 as [SIN_APLICAR], @p7 as [ETAPA], @p8 as [PROXIMO_PASO], @p9 as [FECHA_PROXIMA], @p10 as [ROL], @p11 as [RESPONSABLE], @p12 as [SUSPENDIDA_POR], @p13 as [MENSAJE], @p14 as [ACTUALIZADA] union all select @p15, @p16, @p17, @p18, @p19, @p20, @p21, @p22, @p23, @p24, @p25, @p26, @p27, @p28, @p29) as [v] where not exists (select 1 from [COB_ALERTA] with (updlock, holdlock) where [COB_ALERTA].[COD_CLIENT] = [v].[COD_CLIENT])"`);
    expect(expectParameterised(deleteAlertsStatement(k, t, ['0003', '0004']))).toMatchInlineSnapshot(`"delete from [COB_ALERTA] where [COD_CLIENT] in (@p0, @p1);select @@rowcount"`);
  });

  it('writes tier state without touching staff columns', () => {
    const rows = [{ COD_CLIENT: '0001', NIVEL: 'C', NIVEL_DESDE: '2026-03-01', NIVEL_CANDIDATO: null, CANDIDATO_DESDE: null }];
    const update = expectParameterised(updateTierStatesStatement(k, t, rows));
    const insert = expectParameterised(insertTierStatesStatement(k, t, rows));
    for (const sql of [update, insert]) expect(sql).not.toMatch(/NO_CONTACTAR|EN_DISPUTA|GESTION_JUDICIAL|NIVEL_FIJO|OBSERVACIONES/);
    expect(update).toMatchInlineSnapshot(`"update [COB_CLIENTE] set [NIVEL] = [v].[NIVEL], [NIVEL_DESDE] = [v].[NIVEL_DESDE], [NIVEL_CANDIDATO] = [v].[NIVEL_CANDIDATO], [CANDIDATO_DESDE] = [v].[CANDIDATO_DESDE] from (select @p0 as [COD_CLIENT], @p1 as [NIVEL], @p2 as [NIVEL_DESDE], @p3 as [NIVEL_CANDIDATO], @p4 as [CANDIDATO_DESDE]) as [v] where [COB_CLIENTE].[COD_CLIENT] = [v].[COD_CLIENT]"`);
  });

  it('queues mail with insert-where-not-exists and refreshes only a pending row', () => {
    expect(expectParameterised(insertMailsStatement(k, t, [mail]))).toMatchInlineSnapshot(`"insert into [COB_CORREO] ([CLAVE], [TIPO], [FECHA], [DESTINATARIO], [ASUNTO], [CUERPO_HTML], [CUERPO_TEXTO], [MESSAGE_ID], [ESTADO], [INTENTOS], [CREADO]) select [v].[CLAVE], [v].[TIPO], [v].[FECHA], [v].[DESTINATARIO], [v].[ASUNTO], [v].[CUERPO_HTML], [v].[CUERPO_TEXTO], [v].[MESSAGE_ID], [v].[ESTADO], [v].[INTENTOS], [v].[CREADO] from (select @p0 as [CLAVE], @p1 as [TIPO], @p2 as [FECHA], @p3 as [DESTINATARIO], @p4 as [ASUNTO], @p5 as [CUERPO_HTML], @p6 as [CUERPO_TEXTO], @p7 as [MESSAGE_ID], @p8 as [ESTADO], @p9 as [INTENTOS], @p10 as [CREADO]) as [v] where not exists (select 1 from [COB_CORREO] with (updlock, holdlock) where [COB_CORREO].[CLAVE] = [v].[CLAVE])"`);
    expect(expectParameterised(refreshMailStatement(k, t, mail))).toMatchInlineSnapshot(`"update [COB_CORREO] set [DESTINATARIO] = @p0, [ASUNTO] = @p1, [CUERPO_HTML] = @p2, [CUERPO_TEXTO] = @p3 output inserted.[ID] as [ID] where [CLAVE] = @p4 and [ESTADO] = @p5"`);
  });

  it('loads open tasks and those of current episodes in one query', () => {
    expect(expectParameterised(openTasksQuery(k, t, { since: '2026-02-01' }))).toMatchInlineSnapshot(`"select [x].[ID], [x].[CLAVE], [x].[COD_CLIENT], [x].[EPISODIO], [x].[PASO], [x].[ESTADO], [x].[FECHA], [x].[CREADA], [x].[RESPONSABLE], [x].[RESPONSABLE_EMAIL], [x].[ASIGNADA_POR] from [COB_TAREA] as [x] where [x].[ESTADO] = @p0 or exists (select 1 from [COB_ALERTA] as [a] where [a].[COD_CLIENT] = [x].[COD_CLIENT] and [a].[EPISODIO] = [x].[EPISODIO]) or [x].[EPISODIO] >= @p1 order by [x].[COD_CLIENT] asc, [x].[EPISODIO] asc, [x].[ID] asc"`);
  });

  it('keeps a full task batch under SQL Server’s 2100-parameter limit', () => {
    const n = rowsPerStatement(TASK_COLUMNS.length);
    const rows = Array.from({ length: n }, (_, i) => taskRow(newTask(`C${i}`, 'D+7'), null, NOW));
    const { bindings } = native(insertTasksStatement(k, t, rows));
    expect(bindings.length).toBeLessThanOrEqual(2100);
    expect(native(insertTasksStatement(k, t, [...rows, rows[0]!])).bindings.length).toBe(bindings.length + TASK_COLUMNS.length);
  });
});

describe('T-SQL of the add-on schema', () => {
  it('creates the version 1 tables', () => {
    const ddl = v1Tables(t)
      .flatMap((def) => k.schema.createTable(def.name, def.build).toSQL().map((s) => s.sql))
      .join(';\n');
    expect(ddl).not.toMatch(/\bmerge\b/i);
    expect(ddl).toMatchInlineSnapshot(`
      "CREATE TABLE [COB_CLIENTE] ([COD_CLIENT] nvarchar(20), [NIVEL_FIJO] nvarchar(1) null, [NO_CONTACTAR] bit not null CONSTRAINT [cob_cliente_no_contactar_default] DEFAULT '0', [EN_DISPUTA] bit not null CONSTRAINT [cob_cliente_en_disputa_default] DEFAULT '0', [GESTION_JUDICIAL] bit not null CONSTRAINT [cob_cliente_gestion_judicial_default] DEFAULT '0', [OBSERVACIONES] nvarchar(500) null, [NIVEL] nvarchar(1) null, [NIVEL_DESDE] date null, [NIVEL_CANDIDATO] nvarchar(1) null, [CANDIDATO_DESDE] date null, [MODIFICADO] datetime2 null, CONSTRAINT [PK_COB_CLIENTE] PRIMARY KEY ([COD_CLIENT]));
      CREATE TABLE [COB_ALERTA] ([COD_CLIENT] nvarchar(20), [NIVEL] nvarchar(1) not null, [EPISODIO] date null, [DIAS_ATRASO] int not null, [SALDO_VENCIDO] decimal(18, 2) not null, [SALDO_PENDIENTE] decimal(18, 2) not null, [SIN_APLICAR] decimal(18, 2) not null, [ETAPA] nvarchar(20) not null, [PROXIMO_PASO] nvarchar(20) null, [FECHA_PROXIMA] date null, [ROL] nvarchar(20) null, [RESPONSABLE] nvarchar(100) null, [SUSPENDIDA_POR] nvarchar(30) null, [MENSAJE] nvarchar(400) not null, [ACTUALIZADA] datetime2 not null, CONSTRAINT [PK_COB_ALERTA] PRIMARY KEY ([COD_CLIENT]));
      CREATE TABLE [COB_TAREA] ([ID] int identity(1,1) not null primary key, [CLAVE] nvarchar(80) not null, [COD_CLIENT] nvarchar(20) not null, [EPISODIO] date not null, [PASO] nvarchar(20) not null, [ESTADO] nvarchar(12) not null, [FECHA] date not null, [CANALES] nvarchar(60) not null, [PLANTILLA] nvarchar(30) not null, [ROL] nvarchar(20) not null, [RESPONSABLE] nvarchar(100) null, [RESPONSABLE_EMAIL] nvarchar(200) null, [ETAPA] nvarchar(20) not null, [NIVEL] nvarchar(1) not null, [DIAS_ATRASO] int not null, [SALDO_VENCIDO] decimal(18, 2) not null, [COMPROBANTES] nvarchar(2000) not null, [PROMESA_ID] int null, [MOTIVO_CIERRE] nvarchar(20) null, [CREADA] datetime2 not null, [CERRADA] datetime2 null);
      CREATE UNIQUE INDEX [UX_COB_TAREA_CLAVE] ON [COB_TAREA] ([CLAVE]) WHERE [CLAVE] IS NOT NULL;
      CREATE INDEX [IX_COB_TAREA_CLIENTE] ON [COB_TAREA] ([COD_CLIENT], [ESTADO]);
      CREATE INDEX [IX_COB_TAREA_ESTADO_FECHA] ON [COB_TAREA] ([ESTADO], [FECHA]);
      CREATE TABLE [COB_CONTACTO] ([ID] int identity(1,1) not null primary key, [COD_CLIENT] nvarchar(20) not null, [FECHA] date not null, [RESULTADO] nvarchar(20) not null, [FECHA_PROMESA] date null, [IMPORTE_PROMESA] decimal(18, 2) null, [TAREA_ID] int null, [USUARIO] nvarchar(100) null, [OBSERVACIONES] nvarchar(500) null, [REGISTRADO] datetime2 not null);
      CREATE INDEX [IX_COB_CONTACTO_CLIENTE] ON [COB_CONTACTO] ([COD_CLIENT], [FECHA]);
      CREATE TABLE [COB_NIVEL_HIST] ([ID] int identity(1,1) not null primary key, [COD_CLIENT] nvarchar(20) not null, [FECHA] date not null, [NIVEL_ANTERIOR] nvarchar(1) null, [NIVEL] nvarchar(1) not null, [REGLA] nvarchar(20) not null, [MOTIVO] nvarchar(500) not null);
      CREATE INDEX [IX_COB_NIVEL_HIST_CLIENTE] ON [COB_NIVEL_HIST] ([COD_CLIENT], [FECHA]);
      CREATE TABLE [COB_CORREO] ([ID] int identity(1,1) not null primary key, [CLAVE] nvarchar(200) not null, [TIPO] nvarchar(20) not null, [FECHA] date not null, [DESTINATARIO] nvarchar(320) not null, [ASUNTO] nvarchar(300) not null, [CUERPO_HTML] nvarchar(max) not null, [CUERPO_TEXTO] nvarchar(max) not null, [MESSAGE_ID] nvarchar(300) not null, [ESTADO] nvarchar(12) not null, [INTENTOS] int not null CONSTRAINT [cob_correo_intentos_default] DEFAULT '0', [PROXIMO_INTENTO] datetime2 null, [RESPUESTA] nvarchar(1000) null, [CREADO] datetime2 not null, [ENVIADO] datetime2 null);
      CREATE UNIQUE INDEX [UX_COB_CORREO_CLAVE] ON [COB_CORREO] ([CLAVE]) WHERE [CLAVE] IS NOT NULL;
      CREATE INDEX [IX_COB_CORREO_ESTADO] ON [COB_CORREO] ([ESTADO], [PROXIMO_INTENTO]);
      CREATE TABLE [COB_EJECUCION] ([ID] int identity(1,1) not null primary key, [EMPRESA] nvarchar(40) not null, [FECHA_CORTE] date not null, [INICIO] datetime2 not null, [FIN] datetime2 null, [ESTADO] nvarchar(12) not null, [CLIENTES] int not null CONSTRAINT [cob_ejecucion_clientes_default] DEFAULT '0', [CUOTAS] int not null CONSTRAINT [cob_ejecucion_cuotas_default] DEFAULT '0', [TAREAS_CREADAS] int not null CONSTRAINT [cob_ejecucion_tareas_creadas_default] DEFAULT '0', [TAREAS_OMITIDAS] int not null CONSTRAINT [cob_ejecucion_tareas_omitidas_default] DEFAULT '0', [TAREAS_CERRADAS] int not null CONSTRAINT [cob_ejecucion_tareas_cerradas_default] DEFAULT '0', [ALERTAS] int not null CONSTRAINT [cob_ejecucion_alertas_default] DEFAULT '0', [CAMBIOS_NIVEL] int not null CONSTRAINT [cob_ejecucion_cambios_nivel_default] DEFAULT '0', [CORREOS_ENCOLADOS] int not null CONSTRAINT [cob_ejecucion_correos_encolados_default] DEFAULT '0', [FILAS_OMITIDAS] int not null CONSTRAINT [cob_ejecucion_filas_omitidas_default] DEFAULT '0', [DETALLE] nvarchar(4000) null, [ERROR] nvarchar(2000) null);
      CREATE TABLE [COB_BLOQUEO] ([RECURSO] nvarchar(100), [DUENO] nvarchar(200) not null, [DESDE] datetime2 not null, [VENCE] datetime2 not null, CONSTRAINT [PK_COB_BLOQUEO] PRIMARY KEY ([RECURSO]))"
    `);
  });
});
