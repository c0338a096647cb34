/** Configuration: one INI file → one validated, typed AppConfig. */
export type { AppConfig, LogLevel, Person, SmtpAuth, SmtpConfig, WebConfig } from './app-config';
export { ConfigError, formatProblem, type ConfigProblem } from './config-error';
export { collectConfigErrors, loadCompanies, loadConfig, parseCompaniesText, parseConfigText } from './load-config';
export { describeRules } from './describe-rules';
