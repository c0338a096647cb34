/** «Supervisión»: the team's work per person, the KPIs of `cadencia informe`, customers to reassign; the audit log. */

/** Reassigning a customer's open tasks (also shown on the Cliente page to supervisors). */
export const REASSIGN_FORM = `
<form class="en-linea" method="post" action="/supervisor/reasignar">
  <input type="hidden" name="_csrf" value="{{csrf}}">
  <input type="hidden" name="cliente" value="{{code}}">
  {{#if volver}}<input type="hidden" name="volver" value="{{volver}}">{{/if}}
  <label for="a-{{code}}">Reasignar las tareas pendientes de {{code}} a</label>
  <select id="a-{{code}}" name="a">{{#each personal}}<option value="{{email}}"{{#if elegido}} selected{{/if}}>{{name}} ({{rol}})</option>{{/each}}</select>
  <button type="submit">Reasignar</button>
</form>
`;

/** The customer's marks, with a mandatory reason (also shown on the Cliente page to supervisors). */
export const MARKS_FORM = `
<form method="post" action="/supervisor/marcas">
  <input type="hidden" name="_csrf" value="{{csrf}}">
  <input type="hidden" name="cliente" value="{{code}}">
  {{#if volver}}<input type="hidden" name="volver" value="{{volver}}">{{/if}}
  <fieldset>
  <legend>Marcas del cliente {{code}}</legend>
  <label for="contactar-{{code}}">Contactar</label>
  <select id="contactar-{{code}}" name="contactar"><option value="si"{{#unless marcas.noContactar}} selected{{/unless}}>Sí</option><option value="no"{{#if marcas.noContactar}} selected{{/if}}>No contactar</option></select>
  <label for="disputa-{{code}}">En disputa</label>
  <select id="disputa-{{code}}" name="disputa"><option value="no"{{#unless marcas.disputa}} selected{{/unless}}>No</option><option value="si"{{#if marcas.disputa}} selected{{/if}}>Sí</option></select>
  <label for="judicial-{{code}}">Gestión judicial</label>
  <select id="judicial-{{code}}" name="judicial"><option value="no"{{#unless marcas.judicial}} selected{{/unless}}>No</option><option value="si"{{#if marcas.judicial}} selected{{/if}}>Sí</option></select>
  <label for="nivel-{{code}}">Nivel fijo</label>
  <select id="nivel-{{code}}" name="nivel_fijo">
    <option value="ninguno"{{#unless marcas.nivelFijo}} selected{{/unless}}>Ninguno (el que calcula cadencia)</option>
    {{#each niveles}}<option value="{{this}}"{{#if (eq this ../marcas.nivelFijo)}} selected{{/if}}>{{this}}</option>{{/each}}
  </select>
  <label for="motivo-{{code}}">Motivo (obligatorio)</label>
  <input id="motivo-{{code}}" name="motivo" required maxlength="500">
  <div class="acciones"><button type="submit">Guardar marcas</button></div>
  </fieldset>
</form>
`;

export const SUPERVISOR = `
<h1>Supervisión, {{fecha asOf}}</h1>
<p class="acciones"><a class="boton secundario" href="/supervisor/auditoria">Ver auditoría</a></p>

<h2>Trabajo del equipo</h2>
<p class="dato">Tareas pendientes con fecha hasta hoy, por responsable. Atrasadas: con fecha anterior a hoy y todavía pendientes.</p>
{{#if personas.length}}
<table class="responsiva" id="equipo">
<thead><tr><th>Persona</th><th class="num">Tareas</th><th class="num">Clientes</th><th class="num">Vencido</th><th class="num">Atrasadas</th><th>Más antigua</th></tr></thead>
<tbody>
{{#each personas}}<tr data-persona="{{email}}">
  <td data-titulo="Persona">{{#if email}}<a href="/hoy?de={{email}}">{{name}}</a>{{else}}{{name}}{{/if}}</td>
  <td data-titulo="Tareas" class="num">{{tareas}}</td>
  <td data-titulo="Clientes" class="num">{{clientes}}</td>
  <td data-titulo="Vencido" class="num importe">{{dinero vencido}}</td>
  <td data-titulo="Atrasadas" class="num">{{atrasadas}}</td>
  <td data-titulo="Más antigua">{{#if masAntigua}}{{fecha masAntigua}}{{else}}—{{/if}}</td>
</tr>{{/each}}
</tbody>
</table>
{{else}}<p class="vacio">No hay tareas pendientes para hoy.</p>{{/if}}

<h2>Indicadores de las últimas 4 semanas</h2>
<p class="dato">Del {{periodo}}: las mismas cifras que «cadencia informe --desde {{desde}} --hasta {{hasta}} --por vendedor».</p>
{{#each notas}}<p class="dato">{{this}}</p>{{/each}}
<div class="graficos">
<figure><figcaption>Saldo por antigüedad al cierre</figcaption>{{{graficos.antiguedad}}}</figure>
{{#if graficos.tendencia}}<figure><figcaption>Saldo y vencido por día</figcaption>{{{graficos.tendencia}}}</figure>{{/if}}
{{#if graficos.vendedores}}<figure><figcaption>Vencido por vendedor</figcaption>{{{graficos.vendedores}}}</figure>{{/if}}
</div>
<div class="tabla-ancha">
<table id="indicadores">
<thead><tr>{{#each kpis.header}}<th{{#unless @first}} class="num"{{/unless}}>{{this}}</th>{{/each}}</tr></thead>
<tbody>
{{#each kpis.rows}}<tr>{{#each this}}{{#if @first}}<th scope="row">{{this}}</th>{{else}}<td class="num">{{this}}</td>{{/if}}{{/each}}</tr>{{/each}}
</tbody>
</table>
</div>

<h2 id="clientes">Clientes con tareas</h2>
<form class="en-linea" method="get" action="/supervisor">
  <label for="buscar">Cliente (código)</label>
  <input id="buscar" name="cliente" value="{{buscado}}">
  <button type="submit" class="secundario">Ver marcas y reasignar</button>
</form>
{{#if panel}}
<section class="tarjeta" id="panel-cliente">
  <h3>{{panel.name}} <span class="dato">({{panel.code}})</span></h3>
  {{#if panel.responsables}}<p class="dato">Responsable de las tareas pendientes: {{panel.responsables}}.</p>{{else}}<p class="dato">Sin tareas pendientes.</p>{{/if}}
  {{{panel.html}}}
</section>
{{/if}}
{{#if buscadoSinResultado}}<p class="error">No hay un cliente «{{buscado}}» con tareas o marcas en cadencia.</p>{{/if}}
{{#if clientes.length}}
<p class="dato">{{total}} {{plural total "cliente" "clientes"}} con tareas hasta hoy{{#if paginas}}; página {{pagina}} de {{paginas}}{{/if}}.</p>
<table class="responsiva">
<thead><tr><th>Cliente</th><th>Nivel</th><th class="num">Vencido</th><th>Responsable</th><th>Reasignar</th></tr></thead>
<tbody>
{{#each clientes}}<tr data-cliente="{{code}}">
  <td data-titulo="Cliente"><a href="/cliente/{{code}}">{{name}}</a> <span class="dato">({{code}})</span> <a href="/supervisor?cliente={{code}}#panel-cliente">Marcas</a></td>
  <td data-titulo="Nivel"><span class="nivel nivel-{{tier}}">{{tier}}</span></td>
  <td data-titulo="Vencido" class="num importe">{{dinero overdue}}</td>
  <td data-titulo="Responsable">{{responsable}}</td>
  <td data-titulo="Reasignar">{{{form}}}</td>
</tr>{{/each}}
</tbody>
</table>
<p class="acciones">{{#if anterior}}<a class="boton secundario" href="/supervisor?pagina={{anterior}}#clientes">Anterior</a>{{/if}}{{#if siguiente}}<a class="boton secundario" href="/supervisor?pagina={{siguiente}}#clientes">Siguiente</a>{{/if}}</p>
{{else}}<p class="vacio">No hay clientes con tareas hasta hoy.</p>{{/if}}
`;

export const AUDIT = `
<h1>Auditoría</h1>
<p class="dato">Los últimos {{filas.length}} cambios hechos desde la lista de trabajo, del más reciente al más antiguo.</p>
{{#if filas.length}}
<table class="responsiva" id="auditoria">
<thead><tr><th>Cuándo</th><th>Quién</th><th>Acción</th><th>Cliente</th><th>Antes → después</th><th>Motivo</th></tr></thead>
<tbody>
{{#each filas}}<tr>
  <td data-titulo="Cuándo">{{cuando}}</td>
  <td data-titulo="Quién">{{quien}}</td>
  <td data-titulo="Acción">{{accion}}</td>
  <td data-titulo="Cliente">{{#if cliente}}<a href="/cliente/{{cliente}}">{{cliente}}</a>{{else}}—{{/if}}</td>
  <td data-titulo="Antes → después">{{antes}} → {{despues}}</td>
  <td data-titulo="Motivo">{{#if motivo}}{{motivo}}{{else}}—{{/if}}</td>
</tr>{{/each}}
</tbody>
</table>
{{else}}<p class="vacio">Todavía no hay cambios registrados.</p>{{/if}}
`;
