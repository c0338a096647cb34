/** Sign-in pages: password or a one-time link by e-mail; the link's confirmation page. */
export const SIGN_IN = `
<h1>Ingresar</h1>
<div class="tarjeta">
<form method="post" action="/ingresar">
  <input type="hidden" name="_csrf" value="{{csrf}}">
  <input type="hidden" name="volver" value="{{volver}}">
  {{#if variasEmpresas}}
  <label for="empresa">Empresa</label>
  <select id="empresa" name="empresa">{{#each empresas}}<option value="{{id}}"{{#if elegida}} selected{{/if}}>{{nombre}}</option>{{/each}}</select>
  {{/if}}
  <label for="email">Correo</label>
  <input id="email" name="email" type="email" autocomplete="username" required value="{{email}}">
  <label for="clave">Contraseña</label>
  <input id="clave" name="clave" type="password" autocomplete="current-password">
  <div class="acciones">
    <button type="submit" name="modo" value="clave">Ingresar con contraseña</button>
    <button type="submit" name="modo" value="enlace" class="secundario">Enviarme un enlace por correo</button>
  </div>
</form>
</div>
<p class="dato">Sin contraseña: pida un enlace y ábralo desde su correo. Cada resumen diario también trae uno.</p>
`;

export const CONFIRM_LINK = `
<h1>Ingresar</h1>
<div class="tarjeta">
<p>Enlace de ingreso para <strong>{{email}}</strong>.</p>
<form method="post" action="/e/{{token}}">
  <input type="hidden" name="_csrf" value="{{csrf}}">
  <input type="hidden" name="volver" value="{{volver}}">
  <button type="submit">Ingresar</button>
</form>
</div>
`;

export const LINK_PROBLEM = `
<h1>Ingresar</h1>
<div class="tarjeta">
<p>{{motivo}}</p>
<p><a class="boton" href="/ingresar">Pedir un enlace nuevo o ingresar con contraseña</a></p>
</div>
`;

export const MESSAGE = `
<h1>{{titulo}}</h1>
<div class="tarjeta"><p>{{texto}}</p>{{#if enlace}}<p><a href="{{enlace}}">{{enlaceTexto}}</a></p>{{/if}}</div>
`;
