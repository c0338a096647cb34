/** «Hoy»: my customers to contact today, highest priority first; those waiting, apart. */
export const HOY = `
<h1>Hoy, {{fecha asOf}}{{#if otro}} · {{otro}}{{/if}}</h1>
{{#if entradas.length}}
<p class="dato">{{total}} {{plural total "cliente para contactar" "clientes para contactar"}}, de mayor a menor prioridad.{{#if paginas}} Página {{paginas.actual}} de {{paginas.de}}.{{/if}}</p>
{{#each entradas}}
<article class="tarjeta" data-cliente="{{code}}">
  <h3><span class="nivel nivel-{{tier}}" title="Nivel {{tier}}">{{tier}}</span> <a href="/cliente/{{code}}">{{name}}</a> <span class="dato">({{code}})</span></h3>
  <p><strong>{{lead.step}}</strong> · {{#each lead.channels}}{{#unless @first}}, {{/unless}}{{this}}{{/each}}
    · {{#if overdue}}<span class="importe">{{dinero overdue}}</span> vencido{{#if daysLate}} · {{daysLate}} días de atraso{{/if}}{{else}}aviso antes del vencimiento, sin deuda vencida{{/if}}</p>
  {{#if lead.vouchers}}<p class="dato">{{lead.vouchers}}</p>{{/if}}
  {{#if lead.postponedUntil}}<p class="dato">Pospuesta hasta el {{fecha lead.postponedUntil}}.</p>{{/if}}
  {{#if lastContact}}<p class="dato">Último contacto: {{fecha lastContact.on}}, {{lastContact.label}}{{#if lastContact.promiseDate}} para el {{fecha lastContact.promiseDate}}{{#if lastContact.promiseAmount}} por {{dinero lastContact.promiseAmount}}{{/if}}{{/if}}{{#if lastContact.note}}: «{{lastContact.note}}»{{/if}}{{#if lastContact.user}} ({{lastContact.user}}){{/if}}.</p>
  {{else}}<p class="dato">Sin contactos registrados.</p>{{/if}}
  <div class="acciones">
    <a class="boton" href="/cliente/{{code}}/resultado">Registrar resultado</a>
    <a class="boton secundario" href="/cliente/{{code}}">Ver cliente</a>
  </div>
</article>
{{/each}}
{{#if paginas}}<nav class="paginas" aria-label="Páginas">{{#if paginas.anterior}}<a class="boton secundario" href="{{paginas.anterior}}">Anteriores</a>{{/if}} {{#if paginas.siguiente}}<a class="boton secundario" href="{{paginas.siguiente}}">Siguientes</a>{{/if}}</nav>{{/if}}
{{else}}
<p class="vacio">No tiene clientes para contactar hoy.</p>
{{/if}}
{{#if enEspera.length}}
<h2>En espera ({{enEspera.length}})</h2>
<table class="responsiva">
<thead><tr><th>Cliente</th><th>Motivo</th><th class="num">Vencido</th></tr></thead>
<tbody>
{{#each enEspera}}<tr data-cliente="{{code}}"><td data-titulo="Cliente"><a href="/cliente/{{code}}">{{name}}</a></td><td data-titulo="Motivo">{{pause}}</td><td data-titulo="Vencido" class="num importe">{{dinero overdue}}</td></tr>{{/each}}
</tbody>
</table>
{{/if}}
`;
