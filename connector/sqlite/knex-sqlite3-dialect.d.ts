/** knex's internal SQLite dialect class, which knex ships without typings. */
declare module 'knex/lib/dialects/sqlite3/index.js' {
  const ClientSQLite3: new (config: unknown) => object;
  export default ClientSQLite3;
}
