/**
 * «Cliente»: one customer's page (contact data, tier explained, what to do
 * today, open installments with the statement's totals, history, the day's
 * messages ready to send) and its printable account statement.
 */

import { CLIENTE_CORREO } from './enviar';

/** The open installments and the statement's totals (the page and the printable statement). */
const CUOTAS = `
{{#if cuotas.length}}
<table class="responsiva cuotas">
<thead><tr><th>Comprobante</th><th>Emisión</th><th>Vencimiento</th><th class="num">Días de atraso</th><th class="num">Saldo</th></tr></thead>
<tbody>
{{#each cuotas}}<tr data-comprobante="{{voucher}}"><td data-titulo="Comprobante">{{voucher}}</td><td data-titulo="Emisión">{{#if issuedOn}}{{fecha issuedOn}}{{else}}—{{/if}}</td><td data-titulo="Vencimiento">{{fecha dueOn}}</td><td data-titulo="Días de atraso" class="num">{{#if vencida}}{{daysLate}}{{else}}a vencer{{/if}}</td><td data-titulo="Saldo" class="num importe">{{dinero pending}}</td></tr>
{{/each}}
</tbody>
</table>
{{else}}
<p class="vacio">El cliente no tiene comprobantes pendientes.</p>
{{/if}}
<table class="totales" data-totales>
<tbody>
<tr><th scope="row">Total vencido</th><td class="num importe">{{dinero totales.overdue}}</td></tr>
<tr><th scope="row">A vencer</th><td class="num importe">{{dinero totales.notDue}}</td></tr>
<tr><th scope="row">Total adeudado</th><td class="num importe">{{dinero totales.total}}</td></tr>
<tr><th scope="row">Menos pagos recibidos a cuenta</th><td class="num importe">{{dinero totales.onAccount}}</td></tr>
<tr><th scope="row">Menos cheques en cartera</th><td class="num importe">{{dinero totales.cheques}}</td></tr>
<tr class="fuerte"><th scope="row">A reclamar</th><td class="num importe">{{dinero totales.claimed}}</td></tr>
</tbody>
</table>
<p class="dato">A reclamar: total vencido menos los pagos recibidos a cuenta y los cheques en cartera, aún no imputados.</p>
`;

export const CLIENTE = `
<article class="cliente" data-cliente="{{code}}">
<h1><span class="nivel nivel-{{tier}}" title="Nivel {{tier}}">{{tier}}</span> {{name}} <span class="dato">(cód. {{code}})</span></h1>
<ul class="datos">
  <li>Vendedor: {{#if vendedor}}{{vendedor}}{{else}}<span class="vacio">sin vendedor</span>{{/if}}</li>
  <li>Correo: {{#if contacto.email}}<a href="mailto:{{contacto.email}}">{{contacto.email}}</a>{{else}}<span class="vacio">sin correo</span>{{/if}}</li>
  <li>Teléfono: {{#if contacto.phone}}{{#if contacto.telPhone}}<a href="{{contacto.telPhone}}">{{contacto.phone}}</a>{{else}}{{contacto.phone}}{{/if}}{{else}}<span class="vacio">sin teléfono</span>{{/if}}</li>
  <li>Celular: {{#if contacto.mobile}}{{#if contacto.telMobile}}<a href="{{contacto.telMobile}}">{{contacto.mobile}}</a>{{else}}{{contacto.mobile}}{{/if}}{{else}}<span class="vacio">sin celular</span>{{/if}}</li>
</ul>
<div class="acciones">
  <a class="boton" href="{{base}}/resultado">Registrar resultado</a>
  {{#if enviar}}<a class="boton" href="{{base}}/enviar">Enviar por correo</a>{{/if}}
  <a class="boton secundario" href="{{base}}/estado-de-cuenta.pdf">Estado de cuenta (PDF)</a>
  {{#if carta}}<a class="boton secundario" href="{{base}}/carta.pdf">Carta (PDF)</a>{{/if}}
  <a class="boton secundario" href="{{base}}/estado-de-cuenta">Imprimir</a>
</div>

<section id="hoy" class="tarjeta">
<h2>Qué toca hoy</h2>
<p>{{hoy.mensaje}}</p>
{{#if hoy.proximo}}<p>{{hoy.proximo}}</p>{{/if}}
{{#each hoy.suspendido}}<p class="dato">Suspendido: {{this}}</p>{{/each}}
{{#if hoy.pausa}}<p class="aviso">En pausa: {{hoy.pausa}} No contactar hoy; pasos abiertos que esperan: {{hoy.pasosEnPausa}}.</p>{{/if}}
{{#if hoy.paso}}{{#unless hoy.pausa}}<p>Paso del día: <strong>{{hoy.paso}}</strong> · etapa {{hoy.etapa}} · {{hoy.canales}} · responsable: {{hoy.responsable}}</p>{{/unless}}{{/if}}
{{#if hoy.pasos.length}}<p class="dato">Pasos abiertos: {{#each hoy.pasos}}{{texto}}{{#unless @last}}; {{/unless}}{{/each}}</p>{{/if}}
{{#if hoy.promesaIncumplida}}<p>Promesa incumplida: iba a pagar {{hoy.promesaIncumplida.importe}} el {{hoy.promesaIncumplida.fecha}}.</p>{{/if}}
{{#unless hoy.paso}}<p class="dato">Hoy no hay pasos pendientes para este cliente.</p>{{/unless}}
</section>

<section id="nivel" class="tarjeta">
<h2>Nivel</h2>
<p><strong>{{nivel.headline}}</strong></p>
<p>{{nivel.reason}}</p>
{{#if nivel.onHold}}<p class="dato">{{nivel.onHold}}</p>{{/if}}
<table class="metricas">
<thead><tr><th>Métrica</th><th>Valor</th></tr></thead>
<tbody>
{{#each nivel.metrics}}<tr><td>{{label}}</td><td>{{value}}</td></tr>{{/each}}
</tbody>
</table>
<p>Insumos del nivel ({{nivel.scoreLine}})</p>
<table class="responsiva insumos">
<thead><tr><th>Insumo</th><th>Peso</th><th>Nivel</th><th>Detalle</th></tr></thead>
<tbody>
{{#each nivel.inputs}}<tr><td data-titulo="Insumo">{{label}}</td><td data-titulo="Peso">{{weight}}</td><td data-titulo="Nivel">{{level}}</td><td data-titulo="Detalle">{{text}}</td></tr>{{/each}}
</tbody>
</table>
<p>{{nivel.verdict}}</p>
</section>

<section id="cuotas" class="tarjeta">
<h2>Cuotas abiertas</h2>
${CUOTAS}
</section>

<section id="mensajes" class="tarjeta">
<h2>Mensajes listos</h2>
{{#if mensajes.length}}
<p class="dato">Los mismos mensajes del resumen diario de {{hoy.responsable}} para hoy, paso {{hoy.paso}}.</p>
{{#each mensajes}}
<div class="canal" data-canal="{{canal}}">
<h3>{{nombre}}{{#if destino}} · {{destino}}{{/if}}</h3>
{{#if sinEmail}}<p class="dato">El cliente no tiene correo cargado en el ERP.</p>{{/if}}
{{#if asunto}}<p>Asunto: <span id="asunto-{{canal}}" class="asunto">{{asunto}}</span> <button type="button" class="secundario solo-js" data-copiar="asunto-{{canal}}">Copiar asunto</button></p>{{/if}}
<div class="mensaje" id="mensaje-{{canal}}">{{texto}}</div>
<div class="acciones">
  <button type="button" class="secundario solo-js" data-copiar="mensaje-{{canal}}">Copiar</button>
  {{#if mailto}}<a class="boton" href="{{mailto}}">Abrir en el correo</a>{{/if}}
  {{#if waLink}}<a class="boton" href="{{waLink}}" rel="noopener noreferrer" target="_blank">Abrir WhatsApp</a>{{/if}}
  {{#each tel}}<a class="boton" href="{{href}}">Llamar al {{numero}}</a>{{/each}}
  {{#if esCarta}}<a class="boton" href="{{../base}}/carta.pdf">Descargar carta (PDF)</a>{{/if}}
</div>
{{#if sinCelular}}<p class="dato">No hay un celular válido para WhatsApp en el ERP: copie el texto o envíelo por otro medio.</p>{{/if}}
</div>
{{/each}}
{{else}}
<p class="vacio">{{#if hoy.pausa}}Sin mensajes: el cliente está en pausa hoy.{{else}}Sin mensajes: hoy no hay pasos pendientes para este cliente.{{/if}}</p>
{{/if}}
</section>

{{#with correo}}${CLIENTE_CORREO}{{/with}}

<section id="historial" class="tarjeta">
<h2>Historial</h2>
{{#if historial.length}}
<ol class="historial">
{{#each historial}}<li data-tipo="{{kind}}"><span class="fecha">{{fecha on}}</span> <span class="tipo">{{tipo}}</span> {{text}}{{#if user}} <span class="dato">({{user}})</span>{{/if}}</li>
{{/each}}
</ol>
{{else}}
<p class="vacio">Sin historial registrado.</p>
{{/if}}
</section>
</article>
`;

/** The printable account statement: the same figures as the PDF. */
export const ESTADO_DE_CUENTA = `
<article class="estado" data-cliente="{{code}}">
<p class="no-imprimir"><a href="{{base}}">← Volver al cliente</a></p>
<header class="membrete">
  <p class="empresa-nombre">{{empresa.name}}</p>
  {{#if empresaContacto}}<p class="dato">{{empresaContacto}}</p>{{/if}}
</header>
<h1>Estado de cuenta</h1>
<p class="dato">Estado al {{fecha asOf}}</p>
<p><strong>{{name}}</strong></p>
<p class="dato">{{clienteContacto}}</p>
${CUOTAS}
{{#if empresa.paymentInstructions}}<h2>Forma de pago</h2><p>{{empresa.paymentInstructions}}</p>{{/if}}
{{#if empresa.paymentLink}}<p>Pago en línea: {{empresa.paymentLink}}</p>{{/if}}
<div class="acciones no-imprimir">
  <button type="button" class="solo-js" data-imprimir>Imprimir</button>
  <a class="boton secundario" href="{{base}}/estado-de-cuenta.pdf">Descargar PDF</a>
</div>
<p class="dato no-imprimir">Para imprimir también puede usar el menú del navegador (Ctrl+P).</p>
</article>
`;
