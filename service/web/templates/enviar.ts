/** «Enviar por correo»: exactly what goes to the customer, before it goes; and the forms of the Cliente page for the customer's mail. */
export const ENVIAR = `
<h1>Enviar por correo · {{nombre}} <span class="dato">({{codigo}})</span></h1>
{{#if problema}}
<div class="tarjeta">
<p class="aviso" role="alert">{{problema}}</p>
<p><a href="{{base}}">Volver al cliente</a></p>
</div>
{{else}}
<div class="tarjeta" id="envio">
<p class="dato">Esto es exactamente lo que se envía, desde {{remitente}}; las respuestas y los rebotes llegan a {{responderA}}.</p>
<dl class="envio">
  <dt>Para</dt><dd id="para">{{#each para}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}</dd>
  {{#if invalidos.length}}<dt>No se envía a</dt><dd id="invalidos" class="aviso">{{#each invalidos}}«{{this}}»{{#unless @last}}, {{/unless}}{{/each}} (no es una dirección de correo válida)</dd>{{/if}}
  <dt>Asunto</dt><dd id="asunto">{{asunto}}</dd>
  <dt>Adjunto</dt><dd id="adjunto"><a href="{{base}}/estado-de-cuenta.pdf">{{adjunto}}</a> (estado de cuenta; a reclamar {{dinero reclamado}})</dd>
</dl>
<div class="mensaje" id="cuerpo">{{texto}}</div>
{{#unless delPaso}}<p class="dato">El paso {{paso}} no tiene correo entre sus canales: se envía el mensaje del paso escrito para correo.</p>{{/unless}}
<form method="post" action="{{base}}/enviar">
  <input type="hidden" name="_csrf" value="{{csrf}}">
  <p class="dato">Al enviarlo queda registrado el contacto (por correo, a su nombre) y la tarea del paso {{paso}} queda hecha.</p>
  <div class="acciones">
    <button type="submit">Confirmar y enviar</button>
    <a class="boton secundario" href="{{base}}">Cancelar</a>
  </div>
</form>
</div>
{{/if}}
`;

/** On the Cliente page: the collections e-mail and the opt-out. */
export const CLIENTE_CORREO = `
<section id="correo" class="tarjeta">
<h2>Correo del cliente</h2>
<p>Los recordatorios van a: {{#if destinatarios.length}}<strong>{{#each destinatarios}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}</strong> ({{origen}}){{else}}<span class="vacio">ninguna dirección válida</span>{{/if}}.</p>
{{#if invalidos.length}}<p class="aviso">Direcciones inválidas (no se usan): {{#each invalidos}}«{{this}}»{{#unless @last}}, {{/unless}}{{/each}}.</p>{{/if}}
<form method="post" action="{{base}}/email">
  <input type="hidden" name="_csrf" value="{{csrf}}">
  <label for="email-cobranza">Contacto de cobranza (reemplaza el correo del ERP; varias direcciones separadas por «;»; vacío = el del ERP)</label>
  <input id="email-cobranza" name="email" type="text" maxlength="320" value="{{emailCobranza}}">
  <div class="acciones"><button type="submit" class="secundario">Guardar correo</button></div>
</form>
{{#if excluido}}
<p class="aviso">El cliente está excluido de los avisos («no contactar»).</p>
{{else}}
<form method="post" action="{{base}}/excluir">
  <input type="hidden" name="_csrf" value="{{csrf}}">
  <label for="motivo-exclusion">Motivo para excluirlo de los avisos</label>
  <input id="motivo-exclusion" name="motivo" type="text" maxlength="300" required>
  <div class="acciones"><button type="submit" class="secundario">Excluir de los avisos</button></div>
</form>
{{/if}}
</section>
`;
