/**
 * Version 1 of the add-on schema. Written with knex's schema builder so the
 * same definition runs on SQLite (demo, tests) and SQL Server (production).
 * Column names are Spanish and upper-case, like the ERP's own tables, so staff
 * read them naturally from Tango's query tools, Excel or a report writer.
 */
import type { Knex } from 'knex';
import type { AddonTables } from './tables';

/** Customer codes: Tango uses VARCHAR(6); other ERPs go longer. */
const CODE = 20;

/** One add-on table: its name and its columns, for knex's schema builder. */
export interface TableDefinition {
  name: string;
  build: (c: Knex.CreateTableBuilder) => void;
}

/** The tables of version 1, in creation order (used by the migration and by the T-SQL script). */
export function v1Tables(t: AddonTables): TableDefinition[] {
  return [
    { name: t.cliente, build: (c) => {
      c.string('COD_CLIENT', CODE).primary(`PK_${t.cliente}`);
      // Set by staff:
      c.string('NIVEL_FIJO', 1).nullable(); // A, B or C: overrides the computed tier
      c.boolean('NO_CONTACTAR').notNullable().defaultTo(false);
      c.boolean('EN_DISPUTA').notNullable().defaultTo(false);
      c.boolean('GESTION_JUDICIAL').notNullable().defaultTo(false);
      c.string('OBSERVACIONES', 500).nullable();
      // Kept by the service:
      c.string('NIVEL', 1).nullable();
      c.date('NIVEL_DESDE').nullable();
      c.string('NIVEL_CANDIDATO', 1).nullable();
      c.date('CANDIDATO_DESDE').nullable();
      c.datetime('MODIFICADO').nullable();
    } },

    { name: t.alerta, build: (c) => {
      c.string('COD_CLIENT', CODE).primary(`PK_${t.alerta}`);
      c.string('NIVEL', 1).notNullable();
      c.date('EPISODIO').nullable(); // first overdue day of the current episode
      c.integer('DIAS_ATRASO').notNullable();
      c.decimal('SALDO_VENCIDO', 18, 2).notNullable();
      c.decimal('SALDO_PENDIENTE', 18, 2).notNullable();
      c.decimal('SIN_APLICAR', 18, 2).notNullable();
      c.string('ETAPA', 20).notNullable();
      c.string('PROXIMO_PASO', 20).nullable();
      c.date('FECHA_PROXIMA').nullable();
      c.string('ROL', 20).nullable();
      c.string('RESPONSABLE', 100).nullable();
      c.string('SUSPENDIDA_POR', 30).nullable();
      c.string('MENSAJE', 400).notNullable();
      c.datetime('ACTUALIZADA').notNullable();
    } },

    { name: t.tarea, build: (c) => {
      c.increments('ID', { primaryKey: true });
      c.string('CLAVE', 80).notNullable().unique({ indexName: `UX_${t.tarea}_CLAVE` });
      c.string('COD_CLIENT', CODE).notNullable();
      c.date('EPISODIO').notNullable();
      c.string('PASO', 20).notNullable();
      c.string('ESTADO', 12).notNullable(); // pendiente | cerrada | omitida
      c.date('FECHA').notNullable(); // business day to contact
      c.string('CANALES', 60).notNullable(); // e.g. 'email,telefono'
      c.string('PLANTILLA', 30).notNullable();
      c.string('ROL', 20).notNullable();
      c.string('RESPONSABLE', 100).nullable(); // staff name
      c.string('RESPONSABLE_EMAIL', 200).nullable();
      c.string('ETAPA', 20).notNullable();
      c.string('NIVEL', 1).notNullable();
      c.integer('DIAS_ATRASO').notNullable();
      c.decimal('SALDO_VENCIDO', 18, 2).notNullable();
      c.string('COMPROBANTES', 2000).notNullable(); // 'FAC 0001-00001234 vto 10/03/2026 $ 1.234,56; …'
      c.integer('PROMESA_ID').nullable(); // broken promise this follow-up is about
      c.string('MOTIVO_CIERRE', 20).nullable(); // pagada | reemplazada | suspendida | cliente_al_dia
      c.datetime('CREADA').notNullable();
      c.datetime('CERRADA').nullable();
      c.index(['COD_CLIENT', 'ESTADO'], `IX_${t.tarea}_CLIENTE`);
      c.index(['ESTADO', 'FECHA'], `IX_${t.tarea}_ESTADO_FECHA`);
    } },

    { name: t.contacto, build: (c) => {
      c.increments('ID', { primaryKey: true });
      c.string('COD_CLIENT', CODE).notNullable();
      c.date('FECHA').notNullable();
      c.string('RESULTADO', 20).notNullable(); // contactado | promesa | disputa | contacto_erroneo | sin_respuesta | dice_que_pago | nota
      c.date('FECHA_PROMESA').nullable();
      c.decimal('IMPORTE_PROMESA', 18, 2).nullable();
      c.integer('TAREA_ID').nullable();
      c.string('USUARIO', 100).nullable();
      c.string('OBSERVACIONES', 500).nullable();
      c.datetime('REGISTRADO').notNullable();
      c.index(['COD_CLIENT', 'FECHA'], `IX_${t.contacto}_CLIENTE`);
    } },

    { name: t.nivelHist, build: (c) => {
      c.increments('ID', { primaryKey: true });
      c.string('COD_CLIENT', CODE).notNullable();
      c.date('FECHA').notNullable();
      c.string('NIVEL_ANTERIOR', 1).nullable();
      c.string('NIVEL', 1).notNullable();
      c.string('REGLA', 20).notNullable();
      c.string('MOTIVO', 500).notNullable();
      c.index(['COD_CLIENT', 'FECHA'], `IX_${t.nivelHist}_CLIENTE`);
    } },

    { name: t.correo, build: (c) => {
      c.increments('ID', { primaryKey: true });
      c.string('CLAVE', 200).notNullable().unique({ indexName: `UX_${t.correo}_CLAVE` }); // assignee|date|kind
      c.string('TIPO', 20).notNullable(); // resumen | escalamiento | prueba
      c.date('FECHA').notNullable();
      c.string('DESTINATARIO', 320).notNullable();
      c.string('ASUNTO', 300).notNullable();
      c.text('CUERPO_HTML').notNullable();
      c.text('CUERPO_TEXTO').notNullable();
      c.string('MESSAGE_ID', 300).notNullable();
      c.string('ESTADO', 12).notNullable(); // pendiente | enviado | fallido
      c.integer('INTENTOS').notNullable().defaultTo(0);
      c.datetime('PROXIMO_INTENTO').nullable();
      c.string('RESPUESTA', 1000).nullable(); // the SMTP server's last answer
      c.datetime('CREADO').notNullable();
      c.datetime('ENVIADO').nullable();
      c.index(['ESTADO', 'PROXIMO_INTENTO'], `IX_${t.correo}_ESTADO`);
    } },

    { name: t.ejecucion, build: (c) => {
      c.increments('ID', { primaryKey: true });
      c.string('EMPRESA', 40).notNullable();
      c.date('FECHA_CORTE').notNullable(); // the "today" the cycle planned for
      c.datetime('INICIO').notNullable();
      c.datetime('FIN').nullable();
      c.string('ESTADO', 12).notNullable(); // en_curso | ok | error
      c.integer('CLIENTES').notNullable().defaultTo(0);
      c.integer('CUOTAS').notNullable().defaultTo(0);
      c.integer('TAREAS_CREADAS').notNullable().defaultTo(0);
      c.integer('TAREAS_OMITIDAS').notNullable().defaultTo(0);
      c.integer('TAREAS_CERRADAS').notNullable().defaultTo(0);
      c.integer('ALERTAS').notNullable().defaultTo(0);
      c.integer('CAMBIOS_NIVEL').notNullable().defaultTo(0);
      c.integer('CORREOS_ENCOLADOS').notNullable().defaultTo(0);
      c.integer('FILAS_OMITIDAS').notNullable().defaultTo(0); // bad ERP rows skipped
      c.string('DETALLE', 4000).nullable();
      c.string('ERROR', 2000).nullable();
    } },

    { name: t.bloqueo, build: (c) => {
      c.string('RECURSO', 100).primary(`PK_${t.bloqueo}`);
      c.string('DUENO', 200).notNullable();
      c.datetime('DESDE').notNullable();
      c.datetime('VENCE').notNullable();
    } },
  ];
}

export async function upV1(db: Knex, t: AddonTables): Promise<void> {
  for (const def of v1Tables(t)) await db.schema.createTable(def.name, def.build);
}

export async function downV1(db: Knex, t: AddonTables): Promise<void> {
  for (const name of [t.bloqueo, t.ejecucion, t.correo, t.nivelHist, t.contacto, t.tarea, t.alerta, t.cliente]) {
    await db.schema.dropTableIfExists(name);
  }
}
