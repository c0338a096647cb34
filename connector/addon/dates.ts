/**
 * Dates as the add-on tables give them back (a Date from tedious, text from
 * SQLite), normalised to the domain's IsoDate: the same rules as the ERP reads.
 */
export { invalidDate, toIsoDate } from '../dialect/dates';
export { isIsoDate } from '../../rules/dates';
