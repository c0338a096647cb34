/** The worklist's only stylesheet and script, served from the executable itself (no CDN). */
export const APP_CSS = `
:root { --tinta: #1f2937; --suave: #6b7280; --borde: #d1d5db; --fondo: #f9fafb; --marca: #1d4ed8;
  --A: #15803d; --B: #b45309; --C: #b91c1c; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: var(--tinta); background: var(--fondo); }
header.barra { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .6rem 1rem; background: #fff; border-bottom: 1px solid var(--borde); }
.marca { font-weight: 700; color: var(--marca); text-decoration: none; }
.empresa { color: var(--suave); }
nav { display: flex; gap: .8rem; }
nav a { color: var(--tinta); text-decoration: none; padding: .2rem .4rem; border-radius: .3rem; }
nav a[aria-current="page"] { background: #e0e7ff; }
form.salir { margin-left: auto; display: flex; gap: .5rem; align-items: center; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.4rem; margin: .2rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .6rem; }
.aviso { background: #ecfdf5; border: 1px solid #a7f3d0; padding: .6rem .8rem; border-radius: .4rem; }
.error { background: #fef2f2; border: 1px solid #fecaca; padding: .6rem .8rem; border-radius: .4rem; }
.tarjeta { background: #fff; border: 1px solid var(--borde); border-radius: .5rem; padding: .8rem 1rem; margin-bottom: .8rem; }
.tarjeta h3 { margin: 0 0 .3rem; font-size: 1.05rem; }
.tarjeta h3 a { color: var(--marca); }
.nivel { display: inline-block; min-width: 1.6rem; text-align: center; font-weight: 700; color: #fff; border-radius: .3rem; padding: 0 .3rem; }
.nivel-A { background: var(--A); } .nivel-B { background: var(--B); } .nivel-C { background: var(--C); }
.dato { color: var(--suave); font-size: .92rem; }
.importe { font-variant-numeric: tabular-nums; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border-bottom: 1px solid var(--borde); padding: .35rem .5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; }
button, .boton { font: inherit; padding: .45rem .9rem; border-radius: .4rem; border: 1px solid var(--marca); background: var(--marca); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.secundario, .boton.secundario { background: #fff; color: var(--marca); }
label { display: block; margin: .5rem 0 .2rem; font-weight: 600; }
input, select, textarea { font: inherit; padding: .4rem .5rem; border: 1px solid var(--borde); border-radius: .35rem; width: 100%; max-width: 28rem; background: #fff; }
input[type="radio"], input[type="checkbox"] { width: auto; }
fieldset { border: 1px solid var(--borde); border-radius: .4rem; margin: .8rem 0; }
.acciones { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .6rem; }
.mensaje { white-space: pre-wrap; background: var(--fondo); border: 1px dashed var(--borde); padding: .6rem; border-radius: .4rem; }
.vacio { color: var(--suave); font-style: italic; }
dl.envio { display: grid; grid-template-columns: max-content 1fr; gap: .3rem .8rem; }
dl.envio dt { font-weight: 600; }
dl.envio dd { margin: 0; overflow-wrap: anywhere; }
.graficos { display: flex; flex-wrap: wrap; gap: 1rem; }
.graficos figure { margin: 0; flex: 1 1 24rem; max-width: 36rem; background: #fff; border: 1px solid var(--borde); border-radius: .5rem; padding: .6rem; }
.graficos figcaption { font-weight: 600; margin-bottom: .4rem; }
svg.grafico { width: 100%; height: auto; display: block; }
.tabla-ancha { overflow-x: auto; margin: .8rem 0; }
.tabla-ancha th[scope="row"] { font-weight: 400; white-space: nowrap; }
.tabla-ancha td, .tabla-ancha th { white-space: nowrap; }
form.en-linea { display: flex; flex-wrap: wrap; align-items: end; gap: .4rem; }
form.en-linea label { margin: 0; font-weight: 400; width: 100%; }
form.en-linea select, form.en-linea input { width: auto; max-width: 18rem; }
.insignia { display: inline-block; font-size: .85rem; padding: 0 .4rem; border-radius: .3rem; background: #e5e7eb; }
.insignia.bloqueado { background: #fee2e2; color: #991b1b; }
.tarjeta > h2:first-child { margin-top: 0; }
article.cliente > .acciones { margin-bottom: .8rem; }
.solo-js { display: none !important; }
.js .solo-js { display: inline-block !important; }
ul.datos { list-style: none; padding: 0; margin: 0 0 .6rem; display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; }
ul.datos a { overflow-wrap: anywhere; }
table.totales { width: auto; min-width: 18rem; margin: .8rem 0 .3rem auto; }
table.totales th { font-weight: normal; }
table.totales tr.fuerte th, table.totales tr.fuerte td { font-weight: 700; border-top: 2px solid var(--tinta); }
ol.historial { list-style: none; padding: 0; margin: 0; }
ol.historial li { padding: .3rem 0; border-bottom: 1px solid var(--borde); }
ol.historial .fecha { font-variant-numeric: tabular-nums; white-space: nowrap; color: var(--suave); }
ol.historial .tipo { font-weight: 600; }
.canal { border-top: 1px solid var(--borde); padding-top: .6rem; margin-top: .8rem; }
.canal h3 { font-size: 1rem; margin: 0 0 .3rem; overflow-wrap: anywhere; }
.mensaje { overflow-wrap: anywhere; }
.membrete { border-bottom: 2px solid var(--tinta); margin-bottom: 1rem; }
.membrete .empresa-nombre { font-size: 1.2rem; font-weight: 700; margin: 0; }
@media (max-width: 640px) {
  body { font-size: 15px; }
  main { padding: .6rem; }
  table.responsiva thead { display: none; }
  table.responsiva tr { display: block; border-bottom: 1px solid var(--borde); padding: .3rem 0; }
  table.responsiva td { display: flex; justify-content: space-between; border: 0; padding: .15rem .3rem; }
  table.responsiva td::before { content: attr(data-titulo); color: var(--suave); margin-right: 1rem; }
  table.totales { width: 100%; min-width: 0; }
}
@media print {
  header.barra, nav, form, .acciones, .no-imprimir, button { display: none !important; }
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .tarjeta { border: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .membrete { margin-top: 0; }
  table.responsiva thead { display: table-header-group; }
  tr { break-inside: avoid; }
}
`;

/** Copy and print buttons: progressive, the pages work without it (they show only with it: class «js»). */
export const APP_JS = `
document.documentElement.classList.add('js');
document.addEventListener('click', function (ev) {
  if (ev.target.closest('[data-imprimir]')) { window.print(); return; }
  var b = ev.target.closest('[data-copiar]');
  if (!b) return;
  var el = document.getElementById(b.getAttribute('data-copiar'));
  if (!el || !navigator.clipboard) return;
  navigator.clipboard.writeText(el.innerText).then(function () {
    var before = b.textContent; b.textContent = 'Copiado'; setTimeout(function () { b.textContent = before; }, 1500);
  });
});
`;
