export { bejermanProfile } from './profile';
export { bejermanVoucherNumber } from './rows';
export * as BEJERMAN_SCHEMA from './schema';
