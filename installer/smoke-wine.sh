#!/usr/bin/env bash
# Smoke test of the Windows build under wine (unattended, for CI):
#   build dist/cadencia.exe and the MSI → silent install in a throwaway Windows 10
#   prefix → demo ERP in ProgramData → start the service (NSSM) → a cycle completes
#   → stop → silent uninstall → only ProgramData\cadencia is left.
# Also runs the exe directly: --help, reglas verificar, ejecutar --una-vez, verificar.
#
# Usage: bash installer/smoke-wine.sh [--sin-compilar]   (--sin-compilar reuses dist/)
# Needs root for apt-get when wine64/msitools/wixl/osslsigncode are missing.
# Under wine, node.exe crashes when its stdout is a pipe: every run writes to files.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
START=$(date +%s)
CYCLE_TIMEOUT_S="${CADENCIA_SMOKE_ESPERA:-240}"
step() { printf '\n[%4ss] %s\n' "$(( $(date +%s) - START ))" "$*"; }
fail() { printf '\nFALLÓ: %s\n' "$*" >&2; exit 1; }

# --- Debian packages ----------------------------------------------------------
missing=()
command -v wine >/dev/null || missing+=(wine wine64)
command -v wixl >/dev/null || missing+=(wixl)
command -v msibuild >/dev/null || missing+=(msitools)
command -v osslsigncode >/dev/null || missing+=(osslsigncode)
if [ ${#missing[@]} -gt 0 ]; then
  step "instalando paquetes de Debian: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Build ----------------------------------------------------------------------
VERSION="$(node -p "require('$ROOT/package.json').version" 2>/dev/null || "$ROOT/node_modules/.bin/node" -p "require('$ROOT/package.json').version")"
EXE="$ROOT/dist/cadencia.exe"
MSI="$ROOT/dist/cadencia-$VERSION-x64.msi"
if [ "${1:-}" != "--sin-compilar" ]; then
  step "compilando (npm run build:win)"
  (cd "$ROOT" && npm run --silent build:win)
fi
[ -f "$EXE" ] && [ -f "$MSI" ] || fail "faltan $EXE o $MSI"
echo "  cadencia.exe $(( $(stat -c %s "$EXE") / 1048576 )) MB · $(basename "$MSI") $(( $(stat -c %s "$MSI") / 1048576 )) MB"

# --- Throwaway Windows 10 prefix ---------------------------------------------------
WORK="$(mktemp -d /tmp/cadencia-smoke.XXXXXX)"
export WINEPREFIX="$WORK/prefix" WINEARCH=win64 WINEDEBUG=-all DISPLAY=""
export WINEDLLOVERRIDES="mscoree,mshtml="   # no Mono/Gecko install prompts
cleanup() {
  wineserver -k >/dev/null 2>&1 || true
  if [ "${CADENCIA_SMOKE_CONSERVAR:-}" = "1" ]; then echo "  (se conserva $WORK)"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
OUT="$WORK/salidas"; mkdir -p "$OUT"

# Runs a Windows program with stdout/stderr in files (never a pipe); prints them on failure.
n=0
win() {
  n=$((n + 1))
  local o="$OUT/$n.out" e="$OUT/$n.err" rc=0
  wine "$@" >"$o" 2>"$e" </dev/null || rc=$?
  LAST_OUT="$o"; LAST_ERR="$e"
  return $rc
}
show() { sed 's/^/    /' "$LAST_OUT"; sed 's/^/    ! /' "$LAST_ERR" | grep -v '^    ! $' || true; }

step "prefijo de wine nuevo (Windows 10)"
wineboot -i >"$OUT/wineboot.log" 2>&1
wine reg add 'HKCU\Software\Wine' /v Version /d win10 /f >/dev/null 2>&1
wineserver -w || true
# One persistent wineserver for the whole test: otherwise each command that finds
# none boots a new one, and its service manager starts the automatic-start service
# again (a stopped service would come back before the uninstall).
wineserver -p
C="$WINEPREFIX/drive_c"
PF="$C/Program Files/cadencia"
PD="$C/ProgramData/cadencia"
WIN_PD='C:\ProgramData\cadencia'
WIN_EXE='C:\Program Files\cadencia\cadencia.exe'

# --- The exe on its own ---------------------------------------------------------------
step "cadencia.exe --help"
win "$EXE" --help || { show; fail "--help terminó con error"; }
grep -q "Seguimiento de cobranzas" "$LAST_OUT" || { show; fail "--help no muestra la ayuda"; }

# --- Silent install ---------------------------------------------------------------
step "msiexec /i $(basename "$MSI") /qn"
win msiexec /i "$(winepath -w "$MSI")" /qn /l*v 'C:\instalacion.log' || { show; tail -40 "$C/instalacion.log" || true; fail "la instalación falló"; }
for f in cadencia.exe nssm.exe mail-templates/resumen.mjml mail-templates/mensajes/intimacion/carta.txt sql/cadencia-permisos.sql; do
  [ -f "$PF/$f" ] || fail "no se instaló Program Files\\cadencia\\$f"
done
for f in cadencia.ini cadencia.ejemplo.ini; do [ -f "$PD/$f" ] || fail "no se creó ProgramData\\cadencia\\$f"; done
[ -d "$PD/registros" ] || fail "no se creó ProgramData\\cadencia\\registros"
win reg query 'HKLM\SYSTEM\CurrentControlSet\Services\cadencia' || true
grep -q 'ImagePath.*nssm.exe' "$LAST_OUT" || { show; fail "el servicio cadencia no quedó registrado con nssm.exe"; }
grep -q 'Start.*0x2' "$LAST_OUT" || { show; fail "el servicio cadencia no es de inicio automático"; }
# wine sometimes fails to start a program right after an install («ShellExecuteEx failed»): retry.
for _ in 1 2 3 4 5; do
  win reg query 'HKLM\SYSTEM\CurrentControlSet\Services\cadencia\Parameters' /v Application || true
  grep -q 'cadencia.exe' "$LAST_OUT" && break
  sleep 2
done
grep -q 'cadencia.exe' "$LAST_OUT" || { show; fail "faltan los parámetros de NSSM (Application)"; }
echo "  archivos, carpeta de datos y servicio (automático, nssm.exe) en su lugar"

# --- Demo ERP and an INI that cycles at any hour ---------------------------------------
step "cadencia demo generar en ProgramData"
win "$WIN_EXE" demo generar --archivo "$WIN_PD\\demo\\erp-demo.sqlite" || { show; fail "demo generar falló"; }
[ -f "$PD/demo/erp-demo.sqlite" ] || fail "no se creó la base de demostración"
# The installed INI is the example (demo mode): open the working hours and days so a cycle runs now.
sed -i -e 's/^desde = 07:00/desde = 00:00/' -e 's/^hasta = 20:00/hasta = 23:59/' \
  -e 's/^dias_habiles = .*/dias_habiles = lun, mar, mie, jue, vie, sab, dom/' \
  -e 's/^feriados_pais = AR/feriados_pais = ninguno/' "$PD/cadencia.ini"

step "cadencia reglas verificar"
win "$WIN_EXE" reglas verificar --config "$WIN_PD\\cadencia.ini" || { show; fail "reglas verificar falló"; }

step "cadencia ejecutar --una-vez"
win "$WIN_EXE" ejecutar --una-vez --config "$WIN_PD\\cadencia.ini" || { show; fail "ejecutar --una-vez falló"; }
show

# --- The service ----------------------------------------------------------------------
step "net start cadencia (NSSM)"
# wine's service manager may already have started it (automatic start): «already running» is fine.
win net start cadencia || grep -qi "already running" "$LAST_OUT" || { show; fail "el servicio no arrancó"; }
for _ in $(seq 1 30); do
  win sc query cadencia || true
  grep -q "RUNNING" "$LAST_OUT" && break
  sleep 2
done
grep -q "RUNNING" "$LAST_OUT" || { show; fail "el servicio no está en marcha"; }
deadline=$(( $(date +%s) + CYCLE_TIMEOUT_S ))
cycled=""
while [ "$(date +%s)" -lt "$deadline" ]; do
  # A cycle run by the service: a «ciclo empresa=… fecha=…» line after «servicio iniciado» in its log.
  if awk '/servicio iniciado/{s=1} s && /ciclo empresa=.* fecha=/{f=1} END{exit !f}' "$PD"/registros/cadencia-*.log 2>/dev/null; then
    cycled=1; break
  fi
  sleep 5
done
[ -n "$cycled" ] || { tail -20 "$PD"/registros/*.log 2>/dev/null || true; fail "el servicio no completó un ciclo en ${CYCLE_TIMEOUT_S} s"; }
echo "  $(awk '/servicio iniciado/{s=1} s && /ciclo empresa=.* fecha=/' "$PD"/registros/cadencia-*.log | tail -1 | cut -c1-160)"
# The executable starts with the memory options of its SEA configuration (service/node-flags.ts).
started_line="$(grep -h 'servicio iniciado' "$PD"/registros/cadencia-*.log | tail -1)"
grep -q -- '--max-semi-space-size=4 --heap-growing-percent=20 --v8-pool-size=2' <<<"$started_line" \
  || fail "el servicio no arrancó con las opciones de memoria del ejecutable: $started_line"
echo "  ${started_line##*; }"
win "$WIN_EXE" estado --config "$WIN_PD\\cadencia.ini" || { show; fail "estado falló"; }
grep -q "ÚLTIMOS CICLOS" "$LAST_OUT" || { show; fail "estado no muestra los ciclos"; }

step "la lista de trabajo que sirve el servicio (puerto 8470)"
page=""
for _ in $(seq 1 15); do
  page="$(curl -fsS --max-time 5 http://127.0.0.1:8470/ingresar 2>/dev/null || true)"
  [ -n "$page" ] && break
  sleep 2
done
echo "$page" | grep -q 'Ingresar con contraseña' || { tail -20 "$PD"/registros/*.log 2>/dev/null || true; fail "el servicio no sirve la lista de trabajo en el puerto 8470"; }
# Read whole, then searched: «curl | grep -q» fails when grep stops reading before curl is done.
css="$(curl -fsS --max-time 5 http://127.0.0.1:8470/static/app.css 2>/dev/null || true)"
grep -q -- '--tinta' <<<"$css" || fail "la lista de trabajo no sirve su hoja de estilo"
echo "  http://127.0.0.1:8470/ingresar responde la página de ingreso"

step "cadencia verificar (con el servicio en marcha)"
win "$WIN_EXE" verificar --config "$WIN_PD\\cadencia.ini" || { show; fail "verificar informó problemas"; }
show

# --- A cycle against SQL Server over TCP (the T-SQL server of ../shared/tsql) ---------
# Run while the service is still up (it works on the SQLite demo, a different database):
# stopping it right before the uninstall keeps wine from starting it again (automatic
# start) when a later wine command boots a new wineserver.
if [ "${CADENCIA_TSQL:-}" = "1" ]; then
  SMOKE_DB="cad_smoke_$(date +%s)"
  step "SQL Server: base $SMOKE_DB con la demo de Tango"
  (cd "$ROOT" && npx --no-install tsx installer/smoke-tsql.ts crear "$SMOKE_DB" "$PD/cadencia.ini" "$PD/sqlserver.ini") \
    || fail "no se pudo crear la base de prueba en el servidor T-SQL"
  drop_smoke_db() { (cd "$ROOT" && npx --no-install tsx installer/smoke-tsql.ts borrar "$SMOKE_DB") || true; }
  step "cadencia db migrar contra SQL Server"
  win "$WIN_EXE" db migrar --config "$WIN_PD\\sqlserver.ini" || { show; drop_smoke_db; fail "db migrar contra SQL Server falló"; }
  step "cadencia verificar contra SQL Server"
  win "$WIN_EXE" verificar --config "$WIN_PD\\sqlserver.ini" || { show; drop_smoke_db; fail "verificar contra SQL Server informó problemas"; }
  show
  step "cadencia ejecutar --una-vez --fecha 02/11/2026 contra SQL Server"
  win "$WIN_EXE" ejecutar --una-vez --fecha 2026-11-02 --config "$WIN_PD\\sqlserver.ini" || { show; drop_smoke_db; fail "el ciclo contra SQL Server falló"; }
  show
  (cd "$ROOT" && npx --no-install tsx installer/smoke-tsql.ts comprobar "$SMOKE_DB") || { drop_smoke_db; fail "el ciclo no escribió lo esperado en SQL Server"; }
  drop_smoke_db
else
  step "SQL Server: omitido (CADENCIA_TSQL no es 1; CI lo activa con el servidor de ../shared/tsql)"
fi

step "net stop cadencia"
win net stop cadencia || { show; fail "el servicio no se detuvo"; }
# net stop may return while the service is still STOP_PENDING (NSSM waits for
# the process to end its cycle and exit): poll until STOPPED.
for _ in $(seq 1 30); do
  win sc query cadencia || true
  grep -q "STOPPED" "$LAST_OUT" && break
  sleep 2
done
grep -q "STOPPED" "$LAST_OUT" || { show; fail "el servicio sigue en marcha 60 s después de net stop"; }

# --- Uninstall ---------------------------------------------------------------------
step "msiexec /x $(basename "$MSI") /qn"
win msiexec /x "$(winepath -w "$MSI")" /qn || { show; fail "la desinstalación falló"; }
[ ! -e "$PF" ] || { find "$PF"; fail "quedaron archivos en Program Files\\cadencia"; }
win reg query 'HKLM\SYSTEM\CurrentControlSet\Services\cadencia' && { show; fail "el servicio sigue registrado"; }
[ -f "$PD/cadencia.ini" ] || fail "la desinstalación borró cadencia.ini (debe conservarse)"
[ -d "$PD/registros" ] || fail "la desinstalación borró la carpeta de registros (debe conservarse)"
echo "  quedan sólo los datos en ProgramData\\cadencia: $(cd "$PD" && ls | tr '\n' ' ')"

step "prueba de humo completa en $(( $(date +%s) - START )) s"
echo "smoke-wine: 1 passed, 0 failed"
