/**
 * The command line: Spanish commands and help, with English aliases for the
 * main ones. Each action lives in a commands-*.ts module; this file only wires
 * names, options and help texts.
 */
import { Command, Option } from 'commander';
import { reportError, type GlobalOptions } from './common';
import packageJson from '../../package.json' with { type: 'json' };
import { EXIT_CODES_HELP, inSpanish } from './spanish-help';

type Action<A extends unknown[]> = (...args: A) => Promise<void> | void;

/** Wraps an action so every error reaches the user as one clear line and an exit code. */
function run<A extends unknown[]>(action: Action<A>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (err) {
      await reportError(err);
    }
  };
}

/** Options of a subcommand merged with the global ones (--config). */
function opts<T extends object>(cmd: Command): T & GlobalOptions {
  return cmd.optsWithGlobals<T & GlobalOptions>();
}

export function buildProgram(): Command {
  const program = inSpanish(new Command('cadencia'));
  program
    .description('Seguimiento de cobranzas sobre el ERP: niveles de riesgo, cadencia de contactos, alertas y avisos al personal.')
    .option('-c, --config <archivo>', 'archivo de configuración INI (por defecto: CADENCIA_INI o ./cadencia.ini)')
    .option('-e, --empresa <código>', 'con un INI de varias empresas: la empresa sobre la que se trabaja')
    .version(packageJson.version, '-V, --version', 'muestra la versión de cadencia')
    .helpOption('-h, --help', 'muestra esta ayuda')
    .helpCommand('ayuda [comando]', 'muestra la ayuda de un comando')
    .showHelpAfterError('(use --help para ver los comandos y opciones)');
  program.addHelpText('after', `\nEjemplos:\n  cadencia reglas verificar\n  cadencia ejecutar --una-vez\n  cadencia explicar 010203\n  npm run demo\n${EXIT_CODES_HELP}`);

  const reglas = program.command('reglas').alias('rules').description('reglas de niveles y cadencia');
  reglas
    .command('verificar')
    .alias('check')
    .description('valida el INI y las plantillas, y muestra las reglas vigentes')
    .action(run(async (_o, cmd: Command) => {
      const { rulesCheck } = await import('./commands-rules');
      await rulesCheck(opts(cmd));
    }));

  program
    .command('niveles')
    .alias('tiers')
    .description('distribución de clientes por nivel de riesgo y lista por nivel')
    .option('--fecha <AAAA-MM-DD>', 'fecha de corte (por defecto, hoy)')
    .option('--nivel <A|B|C>', 'mostrar sólo un nivel')
    .action(run(async (_o, cmd: Command) => {
      const { tiersList } = await import('./commands-rules');
      await tiersList(opts(cmd));
    }));

  program
    .command('explicar <cliente>')
    .alias('explain')
    .description('por qué un cliente tiene su nivel, sus cuotas abiertas y su próximo paso')
    .option('--fecha <AAAA-MM-DD>', 'fecha de corte (por defecto, hoy)')
    .action(run(async (cliente: string, _o, cmd: Command) => {
      const { explainCustomer } = await import('./commands-rules');
      await explainCustomer(cliente, opts(cmd));
    }));

  program
    .command('simular')
    .alias('simulate')
    .description('las tareas que traería cada día, sin escribir nada')
    .option('--fecha <AAAA-MM-DD>', 'primer día (por defecto, hoy)')
    .option('--dias <N>', 'cantidad de días', '7')
    .action(run(async (_o, cmd: Command) => {
      const { simulate } = await import('./commands-rules');
      await simulate(opts(cmd));
    }));

  program
    .command('ejecutar')
    .alias('run')
    .description('ejecuta el ciclo: con --una-vez, un ciclo completo ahora; sin él, el servicio programado')
    .option('--una-vez', 'un solo ciclo completo (leer, planificar, escribir, encolar y enviar correo)')
    .addOption(new Option('--once').hideHelp())
    .option('--fecha <AAAA-MM-DD>', 'planificar como si hoy fuera esta fecha (implica --una-vez)')
    .option('--permitir-retroceso', 'con --una-vez: ejecutar aunque la fecha sea anterior a la del último ciclo (cierra tareas vigentes)')
    .action(run(async (_o, cmd: Command) => {
      const o = opts<{ unaVez?: boolean; once?: boolean; fecha?: string; permitirRetroceso?: boolean }>(cmd);
      if (!o.unaVez && !o.once && o.fecha !== undefined) {
        // A date only makes sense for one cycle: never start the service silently because --una-vez was forgotten.
        console.log('--fecha implica --una-vez: se ejecuta un solo ciclo con esa fecha (el servicio se inicia con «cadencia ejecutar» sin --fecha).');
      }
      if (o.unaVez || o.once || o.fecha !== undefined) {
        const { runOnceCommand } = await import('./commands-run');
        await runOnceCommand(o);
      } else {
        const { serviceRun } = await import('./commands-service');
        await serviceRun(o);
      }
    }));

  program
    .command('estado')
    .alias('status')
    .description('últimos ciclos, cola de correo y errores recientes')
    .option('--ultimos <N>', 'cantidad de ciclos a mostrar', '10')
    .action(run(async (_o, cmd: Command) => {
      const { statusCommand } = await import('./commands-run');
      await statusCommand(opts(cmd));
    }));

  const db = program.command('db').description('tablas propias de cadencia en la base del ERP');
  db.command('migrar')
    .alias('migrate')
    .description('crea o actualiza las tablas y vistas de cadencia')
    .action(run(async (_o, cmd: Command) => {
      const { dbMigrate } = await import('./commands-db');
      await dbMigrate(opts(cmd));
    }));
  db.command('sql')
    .description('imprime el guion T-SQL para que un administrador de base de datos lo revise y ejecute')
    .option('--tipo <crear|desinstalar|permisos>', 'qué guion', 'crear')
    .option('--prefijo <PREFIJO>', 'prefijo de las tablas (por defecto, el del INI o COB_)')
    .option('--perfil <tango|bejerman|vistas>', 'perfil del ERP (por defecto, el del INI o tango)')
    .option('--archivo <ruta>', 'escribir en un archivo en lugar de la pantalla')
    .action(run(async (_o, cmd: Command) => {
      const { dbSql } = await import('./commands-db');
      dbSql(opts(cmd));
    }));

  const contacto = program.command('contacto').alias('contact').description('resultados de contactos con clientes');
  contacto
    .command('registrar')
    .alias('record')
    .description('registra el resultado de un contacto (lo mismo que insertar una fila en COB_CONTACTO)')
    .requiredOption('--cliente <código>', 'código de cliente del ERP')
    .requiredOption('--resultado <resultado>', 'contactado, promesa, disputa, contacto_erroneo, sin_respuesta, dice_que_pago o nota')
    .option('--fecha <AAAA-MM-DD>', 'día del contacto (por defecto, hoy)')
    .option('--fecha-promesa <AAAA-MM-DD>', 'con promesa: fecha en que el cliente promete pagar')
    .option('--importe <importe>', 'con promesa: importe prometido')
    .option('--tarea <n>', 'número de tarea (COB_TAREA.ID), si corresponde')
    .option('--usuario <nombre>', 'quién hizo el contacto')
    .option('--obs <texto>', 'observaciones')
    .action(run(async (_o, cmd: Command) => {
      const { contactRecord } = await import('./commands-staff');
      await contactRecord(opts(cmd));
    }));

  const cliente = program.command('cliente').alias('customer').description('marcas por cliente');
  cliente
    .command('marcar <cliente>')
    .alias('flag')
    .description('marca un cliente: no contactar, en disputa, en gestión judicial, nivel fijo')
    .option('--contactar <si|no>', '«no» deja de contactar al cliente; «si» lo vuelve a habilitar')
    .option('--disputa <si|no>', 'el cliente tiene una disputa abierta')
    .option('--judicial <si|no>', 'el cliente está en gestión judicial')
    .option('--nivel-fijo <A|B|C|ninguno>', 'fija el nivel de riesgo')
    .option('--obs <texto>', 'observaciones')
    .action(run(async (code: string, _o, cmd: Command) => {
      const { customerFlag } = await import('./commands-staff');
      await customerFlag(code, opts(cmd));
    }));

  cliente
    .command('email <cliente> <correo>')
    .description('correo de cobranza del cliente: adonde van los recordatorios en lugar del correo del ERP («ninguno» vuelve al del ERP)')
    .action(run(async (code: string, value: string, _o, cmd: Command) => {
      const { customerEmail } = await import('./commands-staff');
      await customerEmail(code, value, opts(cmd));
    }));

  const usuarios = program.command('usuarios').alias('users').description('usuarios de la lista de trabajo en el navegador');
  usuarios
    .command('listar')
    .alias('list')
    .description('lista los usuarios: nombre, correo, rol, si figuran en el INI, si tienen contraseña y si están activos')
    .action(run(async (_o, cmd: Command) => {
      const { usersList } = await import('./commands-users');
      await usersList(opts(cmd));
    }));
  usuarios
    .command('clave <correo>')
    .alias('password')
    .description('define la contraseña de un usuario: se escribe dos veces sin mostrarla, o llega en una línea por la entrada estándar; cierra sus sesiones')
    .action(run(async (email: string, _o, cmd: Command) => {
      const { usersPassword } = await import('./commands-users');
      await usersPassword(email, opts(cmd));
    }));
  usuarios
    .command('rol <correo> <rol>')
    .alias('role')
    .description('cambia el rol: cobrador, supervisor, administrador, o «ini» para volver al que da el INI')
    .action(run(async (email: string, role: string, _o, cmd: Command) => {
      const { usersRole } = await import('./commands-users');
      await usersRole(email, role, opts(cmd));
    }));
  usuarios
    .command('bloquear <correo>')
    .alias('block')
    .description('impide que el usuario ingrese y cierra sus sesiones')
    .action(run(async (email: string, _o, cmd: Command) => {
      const { usersBlock } = await import('./commands-users');
      await usersBlock(email, true, opts(cmd));
    }));
  usuarios
    .command('desbloquear <correo>')
    .alias('unblock')
    .description('vuelve a permitir que el usuario ingrese')
    .action(run(async (email: string, _o, cmd: Command) => {
      const { usersBlock } = await import('./commands-users');
      await usersBlock(email, false, opts(cmd));
    }));
  usuarios
    .command('enlace <correo>')
    .alias('link')
    .description('imprime un enlace de ingreso de un solo uso (vale [web] horas_enlace)')
    .action(run(async (email: string, _o, cmd: Command) => {
      const { usersLink } = await import('./commands-users');
      await usersLink(email, opts(cmd));
    }));

  const correo = program.command('correo').alias('mail').description('correo al personal');
  correo
    .command('probar <destino>')
    .alias('test')
    .description('envía un correo de prueba con la configuración del INI')
    .action(run(async (to: string, _o, cmd: Command) => {
      const { mailTest } = await import('./commands-mail');
      await mailTest(to, opts(cmd));
    }));
  correo
    .command('reintentar [n.º...]')
    .alias('retry')
    .description('vuelve a poner en la cola los correos fallidos (todos, los números indicados o los de un día) y los envía')
    .option('--fecha <AAAA-MM-DD>', 'solo los correos de ese día')
    .action(run(async (ids: string[], _o, cmd: Command) => {
      const { mailRetry } = await import('./commands-mail');
      await mailRetry(ids, opts(cmd));
    }));
  correo
    .command('vista-previa')
    .alias('preview')
    .description('escribe los correos con el INI y las plantillas de la empresa, para verlos en el navegador: los de un cliente real (--cliente) o los de ejemplo')
    .option('--carpeta <ruta>', 'carpeta de salida', 'vista-previa')
    .option('--cliente <código>', 'los correos del día en que aparece ese cliente, con sus datos del ERP (no guarda ni envía nada)')
    .option('--fecha <AAAA-MM-DD>', 'con --cliente: el día (por defecto, hoy)')
    .action(run(async (_o, cmd: Command) => {
      const { mailPreview } = await import('./commands-mail');
      await mailPreview(opts(cmd));
    }));

  program
    .command('web')
    .description('sirve la lista de trabajo en el navegador, sin ejecutar ciclos (el servicio la sirve solo con [web] activa = si)')
    .option('--fecha <AAAA-MM-DD>', 'el «hoy» de la lista (por defecto, hoy); sirve para mirar los días de la demo')
    .option('--puerto <número>', 'puerto TCP (por defecto, [web] puerto)')
    .option('--direccion <ip>', 'dirección donde escucha (por defecto, [web] direccion)')
    .option('--enlace <correo>', 'muestra un enlace de ingreso de un solo uso para ese usuario')
    .action(run(async (_o, cmd: Command) => {
      const { webServe } = await import('./commands-web');
      await webServe(opts(cmd));
    }));

  const servicio = program.command('servicio').alias('service').description('el servicio de Windows');
  servicio
    .command('ejecutar')
    .alias('run')
    .description('ejecuta el servicio en primer plano (lo usa el servicio de Windows)')
    .action(run(async (_o, cmd: Command) => {
      const { serviceRun } = await import('./commands-service');
      await serviceRun(opts(cmd));
    }));

  const demo = program
    .command('demo')
    .description('la historia completa sobre el ERP de demostración: genera la base, ejecuta ciclos, muestra resultados')
    .option('--carpeta <ruta>', 'carpeta de la demo', 'demo')
    .option('--erp <tango|bejerman>', 'forma del ERP de demostración', 'tango')
    .option('--servir', 'al terminar, sirve la lista de trabajo en http://localhost (Ctrl+C para salir)')
    .action(run(async (_o, cmd: Command) => {
      const { demoStory } = await import('./commands-demo');
      await demoStory(opts(cmd));
    }));
  demo
    .command('generar')
    .alias('generate')
    .description('genera sólo la base de demostración: en un archivo SQLite o, con --config, donde indica [erp] del INI (también SQL Server)')
    .option('--archivo <ruta>', 'archivo SQLite a crear (por defecto demo/erp-demo.sqlite)')
    .option('--erp <tango|bejerman>', 'forma del ERP de demostración (por defecto el perfil del INI, o tango)')
    .option('--semilla <n>', 'semilla (la misma semilla da la misma base)', '42')
    .option('--clientes <n>', 'cantidad de clientes')
    .option('--cuotas <n>', 'cantidad aproximada de cuotas (hasta 1.000.000)')
    .option('--fecha <AAAA-MM-DD>', 'fecha de corte de los datos', '2026-11-02')
    .action(run(async (_o, cmd: Command) => {
      const { demoGenerate } = await import('./commands-demo');
      // Its own --erp only: the parent `demo` has an --erp with a default of its own.
      await demoGenerate({ ...opts(cmd), erp: cmd.opts<{ erp?: string }>().erp });
    }));

  program
    .command('informe')
    .alias('report')
    .description('indicadores de cobranza del período: antigüedad, DSO, CEI, contactos, promesas, recupero')
    .option('--desde <AAAA-MM-DD>', 'primer día del período (por defecto, 30 días antes de --hasta)')
    .option('--hasta <AAAA-MM-DD>', 'último día del período (por defecto, hoy)')
    .option('--por <vendedor|nivel>', 'abrir los indicadores por vendedor o por nivel de riesgo')
    .option('--formato <tabla|csv|json|html>', 'formato de salida', 'tabla')
    .option('--archivo <ruta>', 'escribir en un archivo (con html, por defecto informe-AAAA-MM-DD.html en la carpeta actual)')
    .option('--csv-estandar', 'CSV con «,» y punto decimal, sin BOM (por defecto: «;», coma decimal y BOM, como lo abre Excel en español)')
    .action(run(async (_o, cmd: Command) => {
      const { reportCommand } = await import('./commands-report');
      await reportCommand(opts(cmd));
    }));

  program
    .command('iniciar')
    .alias('setup')
    .description('asistente de configuración: ERP, conexión, correo y vendedores; escribe el INI validado')
    .action(run(async (_o, cmd: Command) => {
      const { setupWizard } = await import('./commands-setup');
      await setupWizard(opts(cmd));
    }));

  program
    .command('verificar')
    .alias('doctor')
    .description('revisa INI, base de datos, lecturas del ERP, tablas propias, correo, reloj y servicio')
    .action(run(async (_o, cmd: Command) => {
      const { doctor } = await import('./commands-setup');
      await doctor(opts(cmd));
    }));

  servicio
    .command('instalar')
    .alias('install')
    .description('instala el servicio de Windows con NSSM (sin el instalador MSI; requiere administrador)')
    .action(run(async (_o, cmd: Command) => {
      const { winService } = await import('./commands-winservice');
      await winService('instalar', opts(cmd));
    }));

  servicio
    .command('desinstalar')
    .alias('uninstall')
    .description('detiene y quita el servicio de Windows (conserva la configuración y los registros)')
    .action(run(async (_o, cmd: Command) => {
      const { winService } = await import('./commands-winservice');
      await winService('desinstalar', opts(cmd));
    }));

  servicio
    .command('iniciar')
    .alias('start')
    .description('inicia el servicio de Windows')
    .action(run(async (_o, cmd: Command) => {
      const { winService } = await import('./commands-winservice');
      await winService('iniciar', opts(cmd));
    }));

  servicio
    .command('detener')
    .alias('stop')
    .description('detiene el servicio de Windows')
    .action(run(async (_o, cmd: Command) => {
      const { winService } = await import('./commands-winservice');
      await winService('detener', opts(cmd));
    }));

  servicio
    .command('estado')
    .alias('status')
    .description('muestra si el servicio de Windows está instalado y en marcha')
    .action(run(async (_o, cmd: Command) => {
      const { winService } = await import('./commands-winservice');
      await winService('estado', opts(cmd));
    }));

  return program;
}
