import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, MESSAGE_TEMPLATES } from '../../rules/types';
import { renderCustomerMessage, renderDigest, renderEscalationNotice, renderTestMail } from '../../service/mail/render';
import { sampleEscalationInput, sampleMessageVars, sampleTestMailInput } from '../../service/mail/sample';
import { defaultTemplatesFolder, loadTemplates, type Templates } from '../../service/mail/templates';
import { EXPECTED_ORDER, digestInput, item, positions } from './fixtures';

let t: Templates;
beforeAll(async () => {
  t = await loadTemplates();
});

describe('customer messages', () => {
  it.each(MESSAGE_TEMPLATES.flatMap((tpl) => CHANNELS.map((ch) => [tpl, ch] as const)))('%s × %s renders complete Spanish text', (tpl, ch) => {
    const vars = sampleMessageVars(tpl);
    const msg = renderCustomerMessage(t, tpl, ch, vars);
    expect(msg.text).not.toMatch(/undefined|null|\[object|\{\{|NaN/);
    expect(msg.text).toContain(vars.company.name);
    // What falls due (or the overdue balance), then what is claimed once the $ 40.000 cheque is deducted.
    const [shown, claimed] = tpl === 'recordatorio' ? ['$ 98.700,00', '$ 58.700,00'] : ['$ 184.350,50', '$ 144.350,50'];
    expect(msg.text).toContain(shown);
    expect(msg.text).toContain(claimed);
    expect(msg.text).toContain('cheques en cartera por $ 40.000,00');
    if (ch === 'email') {
      expect(msg.subject).toBeTruthy();
      expect(msg.subject).not.toMatch(/[\r\n]/);
      expect(msg.html).toContain('<br>');
    } else {
      expect(msg.subject).toBeUndefined();
    }
    if (ch === 'whatsapp') {
      expect(msg.text).not.toMatch(/\n/);
      expect(msg.waLink).toMatch(/^https:\/\/wa\.me\/5493516123456\?text=/);
    }
    if (ch === 'telefono') expect(msg.text).toMatch(/APERTURA[\s\S]*PUNTOS CLAVE[\s\S]*OBJECIONES[\s\S]*CIERRE/);
    if (ch === 'carta') expect(msg.text).toContain('Cliente N.º 000142');
  });

  it('the formal demand states amount, deadline and consequences and says it is not a legal document', () => {
    for (const ch of ['email', 'carta'] as const) {
      const text = renderCustomerMessage(t, 'intimacion', ch, sampleMessageVars('intimacion')).text;
      expect(text).toContain('saldo vencido e impago de $ 184.350,50');
      expect(text).toContain('Descontados cheques en cartera por $ 40.000,00, ya recibidos y pendientes de imputación, el saldo a cancelar es de $ 144.350,50.');
      expect(text).toMatch(/intimamos a cancelar (la suma de|la totalidad de ese importe,) \$ 144\.350,50/);
      expect(text).toMatch(/cinco \(5\) días hábiles/);
      expect(text).toMatch(/suspen/);
      expect(text).toMatch(/no constituye carta documento ni documento legal/);
    }
  });

  it('follow-up and escalation refer to previous contacts and the broken promise', () => {
    const vars = sampleMessageVars('seguimiento');
    expect(renderCustomerMessage(t, 'seguimiento', 'email', vars).text).toMatch(/17\/02\/2026[\s\S]*27\/02\/2026 por \$ 120\.000,00/);
    expect(renderCustomerMessage(t, 'escalamiento', 'carta', vars).text)
      .toContain('- 17/02/2026: promesa de pago de $ 120.000,00 para el 27/02/2026');
  });

  it('without a valid mobile there is no WhatsApp link', () => {
    const vars = { ...sampleMessageVars('primer-aviso'), customer: { ...sampleMessageVars('primer-aviso').customer, mobile: '123' } };
    expect(renderCustomerMessage(t, 'primer-aviso', 'whatsapp', vars).waLink).toBeUndefined();
  });
});

describe('staff digest', () => {
  it('lists customers by priority with es-AR amounts and dates, in HTML and text', async () => {
    const mail = await renderDigest(t, digestInput());
    expect(mail.subject).toBe('Cobranzas 16/03/2026: 5 clientes para contactar — ACME Insumos S.A.');
    for (const body of [mail.text, mail.html]) {
      const pos = positions(body, EXPECTED_ORDER);
      expect(pos.every((p) => p >= 0)).toBe(true);
      expect([...pos].sort((a, b) => a - b)).toEqual(pos);
      expect(body).toContain('1.234.567,80');
      expect(body).toContain('01/03/2026');
    }
    expect(mail.text).toContain('$ 1.234.567,80');
    expect(mail.text).toContain('cadencia contacto registrar --cliente C01 --tarea 7');
    expect(mail.text).toContain('COB_CONTACTO');
    // Handlebars escapes '=' as &#x3D; inside the attribute; browsers decode it.
    expect(mail.html).toMatch(/href="https:\/\/wa\.me\/5491145678901\?text(=|&#x3D;)Hola/);
    expect(mail.html).toMatch(/@media only screen and \(min-width:480px\)/);
    expect(mail.html).not.toMatch(/<img|fonts\.googleapis|<link[^>]+stylesheet/);
  });

  it('escapes ERP data in HTML and keeps it out of headers', async () => {
    const input = digestInput();
    input.items = [item({ code: 'X1', name: '<script>alert(1)</script>\r\nBcc: x@y' })];
    const mail = await renderDigest(t, input);
    expect(mail.html).not.toContain('<script>alert(1)</script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('lists only the first customers by priority when asked, and counts the rest', async () => {
    const mail = await renderDigest(t, { ...digestInput(), maxItems: 2, tasksView: 'COB_V_TAREAS_HOY' });
    expect(mail.subject).toContain('5 clientes para contactar');
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('Gamma Riesgosa');
      expect(body).toContain('Beta Reciente');
      expect(body).not.toContain('Beta Grande');
      expect(body).not.toContain('Alfa Servicios');
      expect(body).toContain('COB_V_TAREAS_HOY');
    }
    // The three left out: 1.234.567,80 + 1.000 + 9.000.000 = 10.235.567,80.
    expect(mail.text).toContain('Y 3 clientes más, con $ 10.235.567,80 vencido');
  });

  it('says so when there is nobody to contact', async () => {
    const mail = await renderDigest(t, { ...digestInput(), items: [] });
    expect(mail.text).toContain('Hoy no tenés clientes para contactar');
    expect(mail.subject).toContain('0 clientes');
  });

  it('escalation notice and test mail render with subject, HTML and text', async () => {
    const esc = await renderEscalationNotice(t, sampleEscalationInput());
    expect(esc.subject).toBe('Escalamiento 16/03/2026: 2 clientes requieren tu intervención — Distribuidora Ejemplo S.A.');
    expect(esc.text).toContain('Contactos registrados: 20/12/2025: sin respuesta; 12/01/2026: contactado; 11/02/2026: datos de contacto erróneos');
    expect(esc.text).toMatch(/Total vencido: \$ 1\.254\.000,00\n\s*Menos cheques en cartera por \$ 200\.000,00 y pagos recibidos a cuenta por \$ 50\.000,00\n\s*A reclamar: \$ 1\.004\.000,00/);
    expect(esc.html).toContain('Almacén Don José');
    const test = await renderTestMail(t, sampleTestMailInput());
    expect(test.subject).toBe('Prueba de correo de cadencia — Distribuidora Ejemplo S.A.');
    expect(test.text).toContain('smtp.ejemplo.com.ar:587 (STARTTLS)');
    expect(test.html).toContain('lfernandez@ejemplo.com.ar');
  });
});

describe('loadTemplates on a broken folder', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function copyTemplates(): string {
    const dir = mkdtempSync(join(tmpdir(), 'cadencia-tpl-'));
    dirs.push(dir);
    cpSync(defaultTemplatesFolder(), dir, { recursive: true });
    return dir;
  }

  function edit(dir: string, file: string, change: (s: string) => string): void {
    const path = join(dir, file);
    writeFileSync(path, change(readFileSync(path, 'utf8')));
  }

  it('loads an untouched copy', async () => {
    const dir = copyTemplates();
    await expect(loadTemplates(dir)).resolves.toMatchObject({ folder: dir });
  });

  it('names the file and line of a Handlebars syntax error', async () => {
    const dir = copyTemplates();
    edit(dir, 'resumen.mjml', (s) => s.replace('{{/each}}\n\n    {{#if hayEnPausa}}', '\n\n    {{#if hayEnPausa}}'));
    await expect(loadTemplates(dir)).rejects.toThrow(/Plantilla de correo con errores: .*resumen\.mjml[\s\S]*line \d+/);
  });

  it('names the file of invalid MJML', async () => {
    const dir = copyTemplates();
    edit(dir, 'resumen.mjml', (s) => s.replace('<mj-text>Hola, {{responsable.nombre}}:</mj-text>', '<mj-texto>Hola</mj-texto>'));
    await expect(loadTemplates(dir)).rejects.toThrow(/resumen\.mjml[\s\S]*MJML inválido[\s\S]*Línea \d+.*mj-texto/);
  });

  it('names the file of an invalid MJML attribute in the escalation notice', async () => {
    const dir = copyTemplates();
    edit(dir, 'escalamiento-supervisor.mjml', (s) => s.replace('<mj-column>', '<mj-column colour="red">'));
    await expect(loadTemplates(dir)).rejects.toThrow(/escalamiento-supervisor\.mjml[\s\S]*Attribute colour is illegal/);
  });

  it('rejects triple-stash output in HTML templates', async () => {
    const dir = copyTemplates();
    edit(dir, 'prueba.mjml', (s) => s.replace('{{destinatario.nombre}}', '{{{destinatario.nombre}}}'));
    await expect(loadTemplates(dir)).rejects.toThrow(/prueba\.mjml[\s\S]*no se permite \{\{\{…\}\}\}/);
  });

  it('rejects unknown helpers and missing files', async () => {
    const dir = copyTemplates();
    edit(dir, join('mensajes', 'seguimiento', 'whatsapp.txt'), (s) => `{{#repetir 3}}x{{/repetir}}${s}`);
    await expect(loadTemplates(dir)).rejects.toThrow(/seguimiento[\\/]whatsapp\.txt[\s\S]*repetir/);
    const dir2 = copyTemplates();
    unlinkSync(join(dir2, 'mensajes', 'intimacion', 'carta.txt'));
    await expect(loadTemplates(dir2)).rejects.toThrow(/intimacion[\\/]carta\.txt[\s\S]*No se encontró/);
  });

  it('requires the subject line in text templates', async () => {
    const dir = copyTemplates();
    edit(dir, join('mensajes', 'recordatorio', 'email.txt'), (s) => s.replace(/^Asunto: .*\n/, ''));
    await expect(loadTemplates(dir)).rejects.toThrow(/recordatorio[\\/]email\.txt debe empezar con una línea «Asunto: …»/);
  });
});
