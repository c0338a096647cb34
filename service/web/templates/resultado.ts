/** «Registrar resultado»: what came of the contact with a customer, and what happens to today's task. */
export const RESULTADO = `
<h1>Registrar resultado · {{nombre}} <span class="dato">({{codigo}})</span></h1>
{{#if errores.length}}
<ul class="error" role="alert">{{#each errores}}<li>{{this}}</li>{{/each}}</ul>
{{/if}}
<div class="tarjeta">
{{#if tarea}}
<p><strong>{{tarea.step}}</strong> · pendiente desde el {{fecha tarea.dueOn}}{{#if tarea.assigneeName}} · a cargo de {{tarea.assigneeName}}{{/if}}</p>
{{#if tarea.vouchers}}<p class="dato">{{tarea.vouchers}}</p>{{/if}}
{{else}}
<p class="dato">El cliente no tiene tareas para hoy: el resultado queda registrado sin tarea.</p>
{{/if}}
<form method="post" action="/cliente/{{codigo}}/resultado">
  <input type="hidden" name="_csrf" value="{{csrf}}">
  <fieldset>
    <legend>Resultado</legend>
    {{#each resultados}}
    <label><input type="radio" name="resultado" value="{{valor}}"{{#if elegido}} checked{{/if}}> {{nombre}}</label>
    {{/each}}
  </fieldset>
  <fieldset>
    <legend>Promesa de pago</legend>
    <label for="fecha">Fecha prometida</label>
    <input id="fecha" name="fecha" type="date" value="{{valores.fecha}}" min="{{hoy}}">
    <label for="importe">Importe prometido</label>
    <input id="importe" name="importe" type="text" inputmode="decimal" placeholder="1.500,50" value="{{valores.importe}}">
  </fieldset>
  <fieldset>
    <legend>Disputa</legend>
    <p class="dato">Una disputa marca al cliente «en disputa»: no se le reclama hasta que alguien quite la marca (se deriva a mediación).</p>
    <label for="motivo">Motivo</label>
    <input id="motivo" name="motivo" type="text" maxlength="200" value="{{valores.motivo}}">
    {{#if comprobantes.length}}
    <p class="dato">Comprobantes en disputa:</p>
    {{#each comprobantes}}
    <label><input type="checkbox" name="comprobantes" value="{{valor}}"{{#if elegido}} checked{{/if}}> {{texto}}</label>
    {{/each}}
    {{/if}}
    <label for="otros">Otros comprobantes</label>
    <input id="otros" name="otros" type="text" maxlength="200" value="{{valores.otros}}">
  </fieldset>
  <fieldset>
    <legend>La tarea de hoy</legend>
    {{#each acciones}}
    <label><input type="radio" name="tarea" value="{{valor}}"{{#if elegida}} checked{{/if}}> {{nombre}}</label>
    {{/each}}
    <label for="hasta">Pospuesta hasta</label>
    <input id="hasta" name="hasta" type="date" value="{{valores.hasta}}" min="{{manana}}">
  </fieldset>
  <label for="observaciones">Observaciones</label>
  <textarea id="observaciones" name="observaciones" rows="3" maxlength="500">{{valores.observaciones}}</textarea>
  <div class="acciones">
    <button type="submit">Registrar</button>
    <a class="boton secundario" href="/hoy">Cancelar</a>
  </div>
</form>
</div>
`;
