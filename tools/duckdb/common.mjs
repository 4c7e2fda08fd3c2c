// Shared helpers for the DuckDB conformance scripts.
import { DuckDBInstance } from '@duckdb/node-api';

/** SegBench column types (ColumnType) and the DuckDB types they map to. */
export const duckTypes = {
  Int32: 'INTEGER',
  Int64: 'BIGINT',
  Double: 'DOUBLE',
  Boolean: 'BOOLEAN',
  String: 'VARCHAR',
  Date: 'DATE',
};

/** Quotes a string literal for SQL. */
export const literal = (text) => `'${String(text).replaceAll("'", "''")}'`;

/** Quotes an identifier for SQL. */
export const identifier = (name) => `"${String(name).replaceAll('"', '""')}"`;

/** Opens an in-memory DuckDB with one thread, so it shares the machine politely. */
export async function connect() {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  return instance.connect();
}

/** Runs a query and returns its rows as plain objects, with BIGINT counts as numbers. */
export async function rows(connection, sql) {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJson();
}

/** Prints a usage line and exits with the usage code 2. */
export function usage(text) {
  console.error(`usage: ${text}`);
  process.exit(2);
}
