/**
 * The flash line after «Enviar por correo»: to whom the user's last reminder
 * of the day went, read from the audit (the user's own row, never from the
 * URL), e.g. «Correo enviado a pagos@cliente.com.ar (Rossi Hnos. SA).».
 */
import type { CompanyContext } from '../context';

export async function sentFlash(ctx: CompanyContext, userEmail: string, now: Date): Promise<string | null> {
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const row = (await ctx.db(ctx.tables.auditoria)
    .select('COD_CLIENT', 'DESPUES')
    .where({ ACCION: 'correo_cliente', USUARIO: userEmail.toLowerCase() })
    .andWhere('FECHA', '>=', since)
    .orderBy('ID', 'desc')
    .first()) as { COD_CLIENT: string | null; DESPUES: string | null } | undefined;
  if (!row?.DESPUES) return null;
  try {
    const after = JSON.parse(row.DESPUES) as { para?: unknown; cliente?: unknown };
    const to = Array.isArray(after.para) ? after.para.filter((x): x is string => typeof x === 'string') : [];
    if (to.length === 0) return null;
    const who = typeof after.cliente === 'string' && after.cliente ? after.cliente : String(row.COD_CLIENT ?? '').trim();
    return `Correo enviado a ${to.join(', ')}${who ? ` (${who})` : ''}.`;
  } catch {
    return null;
  }
}
