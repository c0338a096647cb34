/**
 * «Cliente» over real HTTP on the demo company, on 02/12/2026 (a cycle on
 * 02/11/2026, a promise of 000056 recorded on 04/11/2026 and broken, a
 * cycle on 02/12/2026): the page's words and figures, its messages word for
 * word those of the day's digest (as the outbox holds it), the mailto and
 * wa.me links, the statement and letter PDFs, who may see what (404), and a
 * customer name with HTML characters from the ERP shown literally.
 */
import { pdfText } from './pdf-text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordContact } from '../../connector/addon/staff-input';
import type { IsoDate } from '../../rules/types';
import { DEMO_START } from '../e2e/helpers';
import { CHANNEL_ID, codesOf, decode, digestMessages, pageMessage, pageSubject, sectionOf } from './digest-text';
import { openWebCompany, textOf, WebClient, type WebCompany } from './helpers';

const DAY: IsoDate = '2026-12-02';
/** Planted in the ERP (GVA14.RAZON_SOCI) before the first cycle. */
const ODD_NAME = `Iturralde <Hnos> & "Hijos" 'SAS'`;
const ODD_MOBILE = '0351 15-456-7890';

let w: WebCompany;
let supervisor: WebClient;
let collector: WebClient;
let supervisorCookie: string;
let collectorCookie: string;
/** The day's digests' text, by recipient e-mail. */
const digests = new Map<string, string>();

beforeAll(async () => {
  w = await openWebCompany({ tag: 'web-cliente', asOf: DAY });
  await w.ctx.db('GVA14').where('COD_CLIENT', '000002').update({ RAZON_SOCI: ODD_NAME, TELEFONO_MOVIL: ODD_MOBILE });
  await w.cycle(DEMO_START);
  await recordContact(w.ctx.db, w.ctx.tables, {
    customerCode: '000056', on: '2026-11-04', outcome: 'promesa', promiseDate: '2026-11-10', promiseAmount: 500_000,
    user: 'María Gómez',
  });
  await w.cycle(DAY);
  const rows = (await w.ctx.db(w.ctx.tables.correo).where({ FECHA: DAY, TIPO: 'resumen' })
    .select('DESTINATARIO', 'CUERPO_TEXTO')) as { DESTINATARIO: string; CUERPO_TEXTO: string }[];
  for (const r of rows) digests.set(/<([^>]+)>/.exec(r.DESTINATARIO)![1]!.toLowerCase(), r.CUERPO_TEXTO);
  supervisorCookie = await w.sessionFor(w.config.staff.supervisor.email);
  collectorCookie = await w.sessionFor(w.config.staff.collector.email);
  supervisor = new WebClient(w.url);
  supervisor.setCookieHeader(supervisorCookie);
  collector = new WebClient(w.url);
  collector.setCookieHeader(collectorCookie);
}, 300_000);
afterAll(async () => w?.close());

/** The digest's entry of a customer in the day's digest of `email`. */
function digestSection(email: string, code: string): string {
  const text = digests.get(email.toLowerCase());
  expect(text, `resumen de ${email}`).toBeDefined();
  return sectionOf(text!, code);
}

function hrefs(html: string, prefix: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => decode(m[1]!)).filter((h) => h.startsWith(prefix));
}

/** The section of the page with that id, as text. */
function sectionText(html: string, id: string): string {
  const m = new RegExp(`<section id="${id}"[\\s\\S]*?</section>`).exec(html);
  expect(m, `sección ${id}`).not.toBeNull();
  return textOf(m![0]);
}

function installmentRows(html: string): string[] {
  return [...html.matchAll(/<tr data-comprobante="[^"]*">([\s\S]*?)<\/tr>/g)].map((m) => textOf(m[1]!));
}


/** A binary response (a PDF) with a session cookie. */
function getRaw(cookie: string, path: string): Promise<Response> {
  return fetch(new URL(path, w.url), { headers: { cookie }, redirect: 'manual' });
}

describe('Cliente page', () => {
  it('shows the customer, its tier explained, what to do today, its installments with the statement totals and its history', async () => {
    const r = await supervisor.get('/cliente/000056');
    expect(r.status).toBe(200);
    const text = textOf(r.text);
    expect(text).toContain('C Iturralde Ricardo (cód. 000056)');
    expect(text).toContain('Vendedor: Carlos Rodríguez');
    expect(text).toContain('Correo: cobranzas@iturraldericardo.com.ar');
    expect(text).toContain('Teléfono: (0351) 821-6757');
    expect(r.text).toContain('<span class="nivel nivel-C" title="Nivel C">C</span>');

    const tier = sectionText(r.text, 'nivel');
    expect(tier).toContain('NIVEL C desde 02/11/2026 · regla:');
    expect(tier).toContain('puntaje de comportamiento 70 de 100: A hasta 34, B hasta 59');
    expect(tier).toContain('Saldo vencido $ 10.372.270,70');
    expect(tier).toMatch(/Por criterios: C\. Nunca es mejor que el del historial de pagos/);

    const today = sectionText(r.text, 'hoy');
    expect(today).toContain('Paso del día: D+90 · etapa extrajudicial · Carta, Correo electrónico · responsable: Martín Suárez');
    expect(today).toContain('Pasos abiertos: D+90, pendiente desde el 02/11/2026; seguimiento de promesa, hoy');
    expect(today).toContain('Promesa incumplida: iba a pagar $ 500.000,00 el 10/11/2026.');

    // Every overdue installment the digest lists, with its due date, days late and amount.
    const section = digestSection(w.config.staff.supervisor.email, '000056');
    const listed = [...section.matchAll(/^ {2}(FAC \S+) {2}vence (\S+) {2}(\d+) días {2}(\$ [\d.,]+)$/gm)]
      .map((m) => ({ voucher: m[1]!, due: m[2]!, days: m[3]!, amount: m[4]! }));
    expect(listed.length).toBe(12);
    const rows = installmentRows(r.text);
    for (const l of listed) {
      expect(rows.some((row) => row.startsWith(`${l.voucher} `) && row.endsWith(` ${l.due} ${l.days} ${l.amount}`)), JSON.stringify(l)).toBe(true);
    }
    expect(rows.some((row) => /^FAC A000100000794 \d{2}\/\d{2}\/\d{4} 16\/07\/2025 504 \$ 2\.106\.495,71$/.test(row))).toBe(true);
    const installments = sectionText(r.text, 'cuotas');
    expect(installments).toContain('Total vencido $ 10.372.270,70');
    expect(installments).toMatch(/A vencer \$ [\d.,]+ Total adeudado/);
    expect(installments).toContain('Menos pagos recibidos a cuenta $ 0,00');
    expect(installments).toContain('Menos cheques en cartera $ 4.044.715,19');
    expect(installments).toContain('A reclamar $ 6.327.555,51');
    // The same figures as the digest's entry.
    expect(section).toContain('Total vencido: $ 10.372.270,70');
    expect(section).toContain('A reclamar: $ 6.327.555,51');

    const history = sectionText(r.text, 'historial');
    expect(history).toContain('04/11/2026 Promesa Promesa de pago: $ 500.000,00 para el 10/11/2026 (María Gómez)');
    expect(history).toContain('Paso PROMESA-1 (Teléfono, cobrador): pendiente');
    expect(history.indexOf('Paso PROMESA-1')).toBeLessThan(history.indexOf('Promesa de pago: $ 500.000,00'));

    expect(hrefs(r.text, '/cliente/000056/')).toEqual(expect.arrayContaining([
      '/cliente/000056/resultado', '/cliente/000056/estado-de-cuenta.pdf', '/cliente/000056/estado-de-cuenta', '/cliente/000056/carta.pdf',
    ]));
    // CSP: nothing inline.
    expect(r.text).not.toMatch(/\sstyle=|<style|<script>|\son[a-z]+=/i);
  });

  it('shows the messages of the day word for word as the digest: e-mail with a mailto link, the letter', async () => {
    const r = await supervisor.get('/cliente/000056');
    const digest = digestMessages(digestSection(w.config.staff.supervisor.email, '000056'));
    expect([...digest.keys()]).toEqual(['Carta', 'Correo electrónico']);
    const email = digest.get('Correo electrónico')!;
    expect(email.subject).toBe('Intimación de pago — saldo vencido de $ 6.327.555,51 — Distribuidora Ejemplo S.A.');
    expect(email.text).toContain('Señores de Iturralde Ricardo:');
    expect(pageMessage(r.text, 'email')).toBe(email.text);
    expect(pageSubject(r.text)).toBe(email.subject);
    expect(pageMessage(r.text, 'carta')).toBe(digest.get('Carta')!.text);
    expect(r.text).toContain('data-copiar="mensaje-email"');

    const [mailto] = hrefs(r.text, 'mailto:cobranzas@iturraldericardo.com.ar?');
    expect(mailto).toBeDefined();
    const url = new URL(mailto!);
    expect(url.searchParams.get('subject')).toBe(email.subject);
    expect(url.searchParams.get('body')!.replace(/\r\n/g, '\n').trim()).toBe(email.text);
    expect(mailto).toContain('%0D%0A');
  });

  it('every customer of every digest of the day: the page shows the same messages, word for word', async () => {
    let compared = 0;
    for (const [email, text] of digests) {
      for (const code of codesOf(text)) {
        const messages = digestMessages(digestSection(email, code));
        const page = await supervisor.get(`/cliente/${encodeURIComponent(code)}`);
        expect(page.status, code).toBe(200);
        for (const [channel, message] of messages) {
          expect(pageMessage(page.text, CHANNEL_ID[channel]!), `${code} ${channel}`).toBe(message.text);
          if (message.subject !== null) expect(pageSubject(page.text), code).toBe(message.subject);
          compared += 1;
        }
      }
    }
    expect(digests.size).toBeGreaterThan(3);
    expect(compared).toBeGreaterThan(40);
  });

  it('a cobrador sees their customer; WhatsApp and phone messages as the digest, with wa.me and tel: links; HTML characters from the ERP shown literally', async () => {
    const r = await collector.get('/cliente/000002');
    expect(r.status).toBe(200);
    // Escaped everywhere: the raw name never reaches the HTML as markup.
    expect(r.text).not.toContain('<Hnos>');
    expect(r.text).toContain('Iturralde &lt;Hnos&gt; &amp; &quot;Hijos&quot; &#x27;SAS&#x27;');
    expect(textOf(r.text)).toContain(`${ODD_NAME} (cód. 000002)`);
    expect(r.text).toContain('<title>Iturralde &lt;Hnos&gt; &amp; &quot;Hijos&quot; &#x27;SAS&#x27; · cadencia</title>');

    const section = digestSection(w.config.staff.collector.email, '000002');
    expect(section).toContain(ODD_NAME);
    const digest = digestMessages(section);
    expect([...digest.keys()]).toEqual(['Teléfono', 'WhatsApp']);
    expect(pageMessage(r.text, 'telefono')).toBe(digest.get('Teléfono')!.text);
    expect(pageMessage(r.text, 'telefono')).toContain(`¿me comunica con la persona que se ocupa de los pagos de ${ODD_NAME}?`);
    const whatsapp = pageMessage(r.text, 'whatsapp');
    expect(whatsapp).toBe(digest.get('WhatsApp')!.text);
    expect(whatsapp).toMatch(/^Hola, Iturralde <Hnos> & "Hijos" 'SAS': le escribe Laura Gómez/);

    const [wa] = hrefs(r.text, 'https://wa.me/');
    expect(wa).toBeDefined();
    expect(wa!.startsWith('https://wa.me/5493514567890?text=')).toBe(true);
    expect(new URL(wa!).searchParams.get('text')).toBe(whatsapp);
    expect(section).toContain(`Abrir WhatsApp con este mensaje: ${wa}`);
    expect(hrefs(r.text, 'tel:')).toEqual(expect.arrayContaining(['tel:03513443249', 'tel:+5493514567890']));
    expect(textOf(r.text)).toContain(`Llamar al 0351 344-3249 Llamar al ${ODD_MOBILE}`);

    const installments = sectionText(r.text, 'cuotas');
    expect(installments).toContain('Total vencido $ 1.693.604,82');
    expect(installments).toContain('Menos pagos recibidos a cuenta $ 25.934,65');
    expect(installments).toContain('A reclamar $ 1.667.670,17');
    expect(installmentRows(r.text)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^FAC A000100000037 \S+ 04\/11\/2026 28 \$ 757\.618,29$/),
      expect.stringMatching(/^FAC A000100000038 \S+ 21\/11\/2026 11 \$ 935\.986,53$/),
    ]));
  });

  it('a promise recorded today pauses the customer: the reason in words, no messages, no letter', async () => {
    await recordContact(w.ctx.db, w.ctx.tables, {
      customerCode: '000040', on: DAY, outcome: 'promesa', promiseDate: '2026-12-10', promiseAmount: 100_000, user: 'Laura Gómez',
    });
    const r = await collector.get('/cliente/000040');
    expect(r.status).toBe(200);
    const today = sectionText(r.text, 'hoy');
    expect(today).toContain('suspendida: promesa de pago para el 10/12/2026');
    expect(today).toContain('En pausa: Promesa de pago de $ 100.000,00 para el 10/12/2026, vigente hasta el 13/12/2026. No contactar hoy; pasos abiertos que esperan: D+30.');
    expect(sectionText(r.text, 'mensajes')).toBe('Mensajes listos Sin mensajes: el cliente está en pausa hoy.');
    expect(sectionText(r.text, 'historial')).toContain('02/12/2026 Promesa Promesa de pago: $ 100.000,00 para el 10/12/2026 (Laura Gómez)');
    expect(r.text).not.toContain('/cliente/000040/carta.pdf');
    const letter = await collector.get('/cliente/000040/carta.pdf');
    expect(letter.status).toBe(404);
    expect(textOf(letter.text)).toContain('Química Iturralde S.A.S. no tiene hoy un paso pendiente para contactar (o está en pausa): no hay carta para generar.');
    // The statement is still there.
    expect((await getRaw(collectorCookie, '/cliente/000040/estado-de-cuenta.pdf')).status).toBe(200);
  });

  it('404 for what a cobrador may not see (another\'s customer) and for unknown customers; sign-in first without a session', async () => {
    // 000003 has only a supervisor's step; NO-EXISTE is no customer at all.
    for (const path of ['/cliente/000003', '/cliente/000003/estado-de-cuenta', '/cliente/000003/estado-de-cuenta.pdf', '/cliente/000003/carta.pdf']) {
      const r = await collector.get(path);
      expect(r.status, path).toBe(404);
      expect(textOf(r.text)).toContain('La página que busca no existe o no está a su cargo.');
      expect(r.text).not.toContain('Pereyra');
    }
    expect((await supervisor.get('/cliente/000003')).status).toBe(200);
    // Laura's task of 000056 (the broken promise's follow-up) lets her open it, even if the lead step is the supervisor's.
    expect((await collector.get('/cliente/000056')).status).toBe(200);
    for (const path of ['/cliente/NO-EXISTE', '/cliente/NO-EXISTE/estado-de-cuenta.pdf', '/cliente/NO-EXISTE/carta.pdf']) {
      expect((await supervisor.get(path)).status, path).toBe(404);
    }
    const anonymous = new WebClient(w.url);
    const r = await anonymous.get('/cliente/000056/estado-de-cuenta.pdf');
    expect(r.status).toBe(302);
    expect(r.location).toBe('/ingresar?volver=%2Fcliente%2F000056%2Festado-de-cuenta.pdf');
  });
});

describe('Cliente documents', () => {
  it('the statement PDF names the customer and the figure to claim, as an attachment with a safe name', async () => {
    const res = await getRaw(supervisorCookie, '/cliente/000056/estado-de-cuenta.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="estado-de-cuenta-000056-2026-12-02.pdf"');
    const text = await pdfText(await res.arrayBuffer());
    expect(text).toContain('Iturralde Ricardo');
    expect(text).toContain('Estado al 02/12/2026');
    expect(text).toContain('FAC A000100000794 ');
    expect(text).toContain('Total vencido $ 10.372.270,70');
    expect(text).toContain('Menos cheques en cartera $ 4.044.715,19');
    expect(text).toContain('Saldo a reclamar $ 6.327.555,51');
  });

  it('the printable statement shows the same figures as the PDF, print-ready (no inline style or script)', async () => {
    const r = await supervisor.get('/cliente/000056/estado-de-cuenta');
    expect(r.status).toBe(200);
    const text = textOf(r.text);
    expect(text).toContain('Distribuidora Ejemplo S.A.');
    expect(text).toContain('Estado de cuenta Estado al 02/12/2026 Iturralde Ricardo Cliente N.º 000056');
    expect(text).toContain('Total vencido $ 10.372.270,70');
    expect(text).toContain('Menos cheques en cartera $ 4.044.715,19');
    expect(text).toContain('A reclamar $ 6.327.555,51');
    expect(installmentRows(r.text)).toEqual(installmentRows((await supervisor.get('/cliente/000056')).text));
    expect(r.text).toContain('data-imprimir');
    expect(r.text).not.toMatch(/\sstyle=|<style|<script>|\son[a-z]+=/i);
  });

  it('the letter PDF is the carta message of the day (or the intimacion carta when the step has none)', async () => {
    const res = await getRaw(supervisorCookie, '/cliente/000056/carta.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="carta-000056-2026-12-02.pdf"');
    const text = await pdfText(await res.arrayBuffer());
    expect(text).toContain('Iturralde Ricardo');
    expect(text).toContain('Ref.: Intimación de pago');
    expect(text).toContain('los intimamos a cancelar la suma de $ 6.327.555,51');
    expect(text).toContain('04/11/2026: promesa de pago de $ 500.000,00 para el 10/11/2026');
    expect(text).toContain('Martín Suárez');

    // 000002's step (phone, WhatsApp) has no letter: the intimacion carta, signed by whoever owns the step.
    const other = await getRaw(collectorCookie, '/cliente/000002/carta.pdf');
    expect(other.status).toBe(200);
    expect(other.headers.get('content-disposition')).toBe('attachment; filename="carta-000002-2026-12-02.pdf"');
    const letter = await pdfText(await other.arrayBuffer());
    expect(letter).toContain(ODD_NAME);
    expect(letter).toContain('Ref.: Intimación de pago');
    expect(letter).toContain('$ 1.667.670,17');
    expect(letter).toContain('Laura Gómez');
  });
});
