/** The frame of every page: header with the company and the menu, the flash line, the body. */
export const LAYOUT = `<!doctype html>
<html lang="es-AR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} · cadencia</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head>
<body>
<header class="barra">
  <a class="marca" href="/hoy">cadencia</a> <span class="empresa">{{company}}</span>
  {{#if user}}
  <nav>
    <a href="/hoy"{{#if enHoy}} aria-current="page"{{/if}}>Hoy</a>
    {{#if esSupervisor}}<a href="/supervisor"{{#if enSupervisor}} aria-current="page"{{/if}}>Supervisión</a>{{/if}}
    {{#if esAdministrador}}<a href="/usuarios"{{#if enUsuarios}} aria-current="page"{{/if}}>Usuarios</a>{{/if}}
  </nav>
  <form class="salir" method="post" action="/salir">
    <span class="usuario">{{user.name}}</span>
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <button type="submit">Salir</button>
  </form>
  {{/if}}
</header>
<main>
{{#if flash}}<p class="aviso" role="status">{{flash}}</p>{{/if}}
{{#if error}}<p class="error" role="alert">{{error}}</p>{{/if}}
{{body}}
</main>
</body>
</html>
`;
