import { describe, expect, it } from 'vitest';
import { mssqlCompiler } from '../../connector/connection';
import { addonTables } from '../../connector/addon/tables';
import { outboxStatements } from '../../service/mail/outbox';
import { insertIfAbsent, outboxRow, toOutgoingMail } from '../../service/mail/outbox-mail';

const db = mssqlCompiler();
const t = addonTables();
const now = new Date('2026-03-16T11:00:00Z');

function native(q: { toSQL(): { toNative(): { sql: string; bindings: readonly unknown[] } } }) {
  const { sql, bindings } = q.toSQL().toNative();
  return { sql, bindings: bindings.map((b) => (b instanceof Date ? b.toISOString() : b)) };
}

describe('outbox T-SQL (SQL Server dialect)', () => {
  it('queues with INSERT … SELECT … WHERE NOT EXISTS, values bound', () => {
    const mail = toOutgoingMail({
      kind: 'resumen', date: '2026-03-16', to: { name: 'Ana', email: 'ana@acme.test' },
      mail: { subject: 'Asunto', html: '<p>x</p>', text: 'x' }, domain: 'acme.test',
    });
    const q = native(insertIfAbsent(db, t, outboxRow(mail, now)));
    expect(q.sql).not.toMatch(/merge/i);
    expect(q.sql).not.toContain('ana@acme.test');
    expect(q).toMatchInlineSnapshot(`
      {
        "bindings": [
          "ana@acme.test|2026-03-16|resumen",
          "resumen",
          "2026-03-16",
          ""Ana" <ana@acme.test>",
          "Asunto",
          "<p>x</p>",
          "x",
          "<51b6d6d91dea518c51c496587aa2cc09@acme.test>",
          "pendiente",
          0,
          "2026-03-16T11:00:00.000Z",
          "ana@acme.test|2026-03-16|resumen",
        ],
        "sql": "insert into [COB_CORREO] ([CLAVE], [TIPO], [FECHA], [DESTINATARIO], [ASUNTO], [CUERPO_HTML], [CUERPO_TEXTO], [MESSAGE_ID], [ESTADO], [INTENTOS], [CREADO]) select @p0 as [CLAVE], @p1 as [TIPO], @p2 as [FECHA], @p3 as [DESTINATARIO], @p4 as [ASUNTO], @p5 as [CUERPO_HTML], @p6 as [CUERPO_TEXTO], @p7 as [MESSAGE_ID], @p8 as [ESTADO], @p9 as [INTENTOS], @p10 as [CREADO] where not exists (select 1 from [COB_CORREO] where [CLAVE] = @p11)",
      }
    `);
  });

  it('claims, releases and finishes rows one by key with bound values', () => {
    const statements = {
      releaseExpiredClaims: native(outboxStatements.releaseExpiredClaims(db, t, now)),
      selectDue: native(outboxStatements.selectDue(db, t, now, 50)),
      claim: native(outboxStatements.claim(db, t, 42, new Date(now.getTime() + 600_000))),
      markSent: native(outboxStatements.markSent(db, t, 42, now, '250 OK')),
      markFailed: native(outboxStatements.markFailed(db, t, 42, 3, 'pendiente', new Date(now.getTime() + 240_000), 'ECONNECTION: x')),
      postpone: native(outboxStatements.postpone(db, t, [43, 44], new Date(now.getTime() + 60_000))),
    };
    expect(statements).toMatchInlineSnapshot(`
      {
        "claim": {
          "bindings": [
            "enviando",
            "2026-03-16T11:10:00.000Z",
            42,
            "pendiente",
          ],
          "sql": "update [COB_CORREO] set [ESTADO] = @p0, [PROXIMO_INTENTO] = @p1 output inserted.[ID] as [ID] where [ID] = @p2 and [ESTADO] = @p3",
        },
        "markFailed": {
          "bindings": [
            "pendiente",
            3,
            "2026-03-16T11:04:00.000Z",
            "ECONNECTION: x",
            42,
            "enviando",
          ],
          "sql": "update [COB_CORREO] set [ESTADO] = @p0, [INTENTOS] = @p1, [PROXIMO_INTENTO] = @p2, [RESPUESTA] = @p3 where [ID] = @p4 and [ESTADO] = @p5;select @@rowcount",
        },
        "markSent": {
          "bindings": [
            "enviado",
            "2026-03-16T11:00:00.000Z",
            "250 OK",
            null,
            42,
            "enviando",
          ],
          "sql": "update [COB_CORREO] set [ESTADO] = @p0, [ENVIADO] = @p1, [RESPUESTA] = @p2, [PROXIMO_INTENTO] = @p3 where [ID] = @p4 and [ESTADO] = @p5;select @@rowcount",
        },
        "postpone": {
          "bindings": [
            "2026-03-16T11:01:00.000Z",
            "pendiente",
            43,
            44,
          ],
          "sql": "update [COB_CORREO] set [PROXIMO_INTENTO] = @p0 where [ESTADO] = @p1 and [ID] in (@p2, @p3);select @@rowcount",
        },
        "releaseExpiredClaims": {
          "bindings": [
            "pendiente",
            "enviando",
            "2026-03-16T11:00:00.000Z",
          ],
          "sql": "update [COB_CORREO] set [ESTADO] = @p0 where [ESTADO] = @p1 and [PROXIMO_INTENTO] <= @p2;select @@rowcount",
        },
        "selectDue": {
          "bindings": [
            50,
            "pendiente",
            "2026-03-16T11:00:00.000Z",
          ],
          "sql": "select top (@p0) [ID], [CLAVE], [TIPO], [FECHA], [DESTINATARIO], [ASUNTO], [CUERPO_HTML], [CUERPO_TEXTO], [MESSAGE_ID], [ESTADO], [INTENTOS], [PROXIMO_INTENTO] from [COB_CORREO] where [ESTADO] = @p1 and ([PROXIMO_INTENTO] is null or [PROXIMO_INTENTO] <= @p2) order by [ID] asc",
        },
      }
    `);
  });
});
