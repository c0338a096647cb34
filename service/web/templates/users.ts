/** «Usuarios» (administrators): who may use the worklist, their role, password and block. */
export const USERS = `
<h1>Usuarios</h1>
<p class="dato">El personal de [personal] y [vendedores] del INI es usuario con el rol que le da el INI; aquí se cambia el rol, se bloquea o se quita la contraseña. Las contraseñas se definen con «cadencia usuarios clave &lt;correo&gt;».</p>
<table class="responsiva" id="usuarios">
<thead><tr><th>Nombre</th><th>Correo</th><th>Rol</th><th>En el INI</th><th>Contraseña</th><th>Estado</th><th>Cambiar</th></tr></thead>
<tbody>
{{#each usuarios}}<tr data-usuario="{{email}}">
  <td data-titulo="Nombre">{{name}}</td>
  <td data-titulo="Correo">{{email}}</td>
  <td data-titulo="Rol">{{rol}}</td>
  <td data-titulo="En el INI">{{#if fromIni}}sí{{else}}no{{/if}}</td>
  <td data-titulo="Contraseña">{{#if hasPassword}}sí{{else}}no{{/if}}</td>
  <td data-titulo="Estado">{{#if active}}<span class="insignia">activo</span>{{else}}<span class="insignia bloqueado">bloqueado</span>{{/if}}</td>
  <td data-titulo="Cambiar">
    <form class="en-linea" method="post" action="/usuarios/{{email}}">
      <input type="hidden" name="_csrf" value="{{../csrf}}">
      <input type="hidden" name="accion" value="rol">
      <label for="rol-{{@index}}">Rol</label>
      <select id="rol-{{@index}}" name="rol">{{#each opciones}}<option value="{{valor}}"{{#if elegida}} selected{{/if}}>{{texto}}</option>{{/each}}</select>
      <button type="submit" class="secundario">Cambiar rol</button>
    </form>
    <div class="acciones">
    {{#unless yo}}
    <form method="post" action="/usuarios/{{email}}">
      <input type="hidden" name="_csrf" value="{{../csrf}}">
      {{#if active}}<input type="hidden" name="accion" value="bloquear"><button type="submit" class="secundario">Bloquear</button>
      {{else}}<input type="hidden" name="accion" value="desbloquear"><button type="submit" class="secundario">Desbloquear</button>{{/if}}
    </form>
    {{/unless}}
    {{#if hasPassword}}
    <form method="post" action="/usuarios/{{email}}">
      <input type="hidden" name="_csrf" value="{{../csrf}}">
      <input type="hidden" name="accion" value="quitar_clave">
      <button type="submit" class="secundario">Quitar contraseña</button>
    </form>
    {{/if}}
    </div>
  </td>
</tr>{{/each}}
</tbody>
</table>
`;
