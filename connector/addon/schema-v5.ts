/**
 * Schema version 5: the worklist staff use from the browser.
 * - USUARIO: the web users (the staff of [personal]/[vendedores] sign in with
 *   their e-mail); a password hash (scrypt) when they chose one, a role when an
 *   administrator changed it, and whether they may sign in.
 * - SESION and ENLACE: sessions and one-time sign-in links, stored as SHA-256
 *   digests of their tokens (a copy of the database signs nobody in).
 * - AUDITORIA: every change made from the worklist: who, when, before, after.
 * - CORREO_ADJUNTO: attachments of outbox mails (the statement PDF of a reminder to a customer).
 * - TAREA gains what staff do with a task: done by whom, postponed until a
 *   day, reassigned by whom. CLIENTE gains a collections e-mail per customer.
 * Columns added to existing tables are listed apart, so the DBA script adds
 * them to an older installation (IF COL_LENGTH … IS NULL) and the migration
 * adds them with ALTER TABLE.
 */
import type { Knex } from 'knex';
import { dialectOf } from '../connection';
import { latestViews } from './latest-views';
import type { TableDefinition } from './schema-v1';
import type { AddonTables } from './tables';
import { v5TasksTodayView, type ViewSources } from './views';

/** E-mail addresses (RFC 5321 limit). */
const EMAIL = 320;

export function v5Tables(t: AddonTables): TableDefinition[] {
  return [
    { name: t.usuario, build: (c) => {
      c.string('EMAIL', EMAIL).primary(`PK_${t.usuario}`);
      c.string('NOMBRE', 100).nullable();
      c.string('ROL', 20).nullable(); // cobrador | supervisor | administrador; NULL: from the INI
      c.string('CLAVE', 200).nullable(); // scrypt$N$r$p$salt$hash
      c.boolean('ACTIVO').notNullable().defaultTo(true);
      c.datetime('CREADO').notNullable();
      c.datetime('MODIFICADO').notNullable();
    } },
    { name: t.sesion, build: (c) => {
      c.string('ID', 64).primary(`PK_${t.sesion}`); // SHA-256 of the cookie's token, hex
      c.string('EMAIL', EMAIL).notNullable();
      c.datetime('CREADA').notNullable();
      c.datetime('VENCE').notNullable();
      c.index(['EMAIL'], `IX_${t.sesion}_EMAIL`);
    } },
    { name: t.enlace, build: (c) => {
      c.string('ID', 64).primary(`PK_${t.enlace}`); // SHA-256 of the link's token, hex
      c.string('EMAIL', EMAIL).notNullable();
      c.string('CLAVE', 100).nullable(); // e.g. the digest it was written into: one link per digest
      c.datetime('CREADO').notNullable();
      c.datetime('VENCE').notNullable();
      c.datetime('USADO').nullable();
      c.index(['EMAIL', 'CLAVE'], `IX_${t.enlace}_EMAIL`);
    } },
    { name: t.correoAdjunto, build: (c) => {
      c.increments('ID', { primaryKey: true });
      c.string('CORREO_CLAVE', 200).notNullable(); // the mail's CLAVE in CORREO (its ID is not known before the insert)
      c.string('NOMBRE', 200).notNullable();
      c.string('TIPO', 100).notNullable(); // MIME type, e.g. application/pdf
      c.text('CONTENIDO').notNullable(); // base64
      c.index(['CORREO_CLAVE'], `IX_${t.correoAdjunto}_CORREO`);
    } },
    { name: t.auditoria, build: (c) => {
      c.increments('ID', { primaryKey: true });
      c.datetime('FECHA').notNullable();
      c.string('USUARIO', EMAIL).notNullable();
      c.string('ACCION', 40).notNullable();
      c.string('COD_CLIENT', 20).nullable();
      c.integer('TAREA_ID').nullable();
      c.string('ANTES', 2000).nullable();
      c.string('DESPUES', 2000).nullable();
      c.string('MOTIVO', 500).nullable();
      c.index(['COD_CLIENT', 'FECHA'], `IX_${t.auditoria}_CLIENTE`);
    } },
  ];
}

/** Columns version 5 adds to tables of version 1. */
export interface AddedColumn {
  table: (t: AddonTables) => string;
  column: string;
  add: (c: Knex.AlterTableBuilder) => void;
}

export const V5_COLUMNS: readonly AddedColumn[] = [
  { table: (t) => t.tarea, column: 'HECHA_POR', add: (c) => { c.string('HECHA_POR', EMAIL).nullable(); } },
  { table: (t) => t.tarea, column: 'POSPUESTA_HASTA', add: (c) => { c.date('POSPUESTA_HASTA').nullable(); } },
  { table: (t) => t.tarea, column: 'ASIGNADA_POR', add: (c) => { c.string('ASIGNADA_POR', EMAIL).nullable(); } },
  { table: (t) => t.cliente, column: 'EMAIL_COBRANZA', add: (c) => { c.string('EMAIL_COBRANZA', EMAIL).nullable(); } },
  { table: (t) => t.contacto, column: 'CANAL', add: (c) => { c.string('CANAL', 20).nullable(); } }, // email | whatsapp | telefono | carta | visita
  { table: (t) => t.ejecucion, column: 'CORREOS_CLIENTES', add: (c) => { c.integer('CORREOS_CLIENTES').notNullable().defaultTo(0); } },
];

export async function upV5(db: Knex, t: AddonTables, sources: ViewSources): Promise<void> {
  for (const def of v5Tables(t)) await db.schema.createTable(def.name, def.build);
  for (const col of V5_COLUMNS) await db.schema.alterTable(col.table(t), col.add);
  // V_TAREAS_HOY leaves out the customers the last cycle paused (no CREATE OR ALTER on SQL Server 2014).
  await db.schema.dropViewIfExists(t.vTareasHoy);
  const view = v5TasksTodayView(t, sources, dialectOf(db));
  await db.raw(`CREATE VIEW ${view.name} AS\n${view.select}`);
}

export async function downV5(db: Knex, t: AddonTables, sources: ViewSources): Promise<void> {
  // SQLite checks every view when a column is dropped (and knex's dropColumn rebuilds the table):
  // the add-on views are dropped around the plain DROP COLUMN and made again, as they were.
  const views = latestViews(t, sources, dialectOf(db));
  for (const v of [...views].reverse()) await db.schema.dropViewIfExists(v.name);
  for (const col of [...V5_COLUMNS].reverse()) {
    await db.raw('ALTER TABLE ?? DROP COLUMN ??', [col.table(t), col.column]);
  }
  for (const v of latestViews(t, sources, dialectOf(db), 4)) await db.raw(`CREATE VIEW ${v.name} AS\n${v.select}`);
  for (const def of [...v5Tables(t)].reverse()) await db.schema.dropTableIfExists(def.name);
}
