// Compares a Parquet file with a CSV file of the same table, as DuckDB sees them.
//
//   node compare.mjs <file.parquet> <file.csv> <schema.json>
//
// schema.json is [{"name": "...", "type": "Int32|Int64|Double|Boolean|String|Date"}, ...].
// The CSV (header row, RFC 4180, empty field = NULL) is loaded with exactly those types; the
// Parquet file's own column types must map to the same DuckDB types. Then both tables are
// compared as multisets with EXCEPT ALL in both directions. Prints a JSON summary; exits 0 when
// they are equal row for row, 1 when they differ, 2 on bad usage.
import { readFileSync } from 'node:fs';
import { connect, duckTypes, identifier, literal, rows, usage } from './common.mjs';

const [parquetPath, csvPath, schemaPath] = process.argv.slice(2);
if (!parquetPath || !csvPath || !schemaPath) {
  usage('node compare.mjs <file.parquet> <file.csv> <schema.json>');
}

const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
for (const field of schema) {
  if (!(field.type in duckTypes)) {
    usage(`unknown column type '${field.type}' for '${field.name}'`);
  }
}

const connection = await connect();
const columnList = schema.map((field) => identifier(field.name)).join(', ');
const csvColumns = schema.map((field) => `${literal(field.name)}: ${literal(duckTypes[field.type])}`).join(', ');

await connection.run(`CREATE TABLE parquet_table AS SELECT ${columnList} FROM read_parquet(${literal(parquetPath)})`);
await connection.run(`CREATE TABLE csv_table AS SELECT ${columnList} FROM read_csv(${literal(csvPath)},
  header = true, delim = ',', quote = '"', escape = '"', nullstr = '', auto_detect = false,
  columns = {${csvColumns}})`);

const described = await rows(connection, `DESCRIBE SELECT * FROM read_parquet(${literal(parquetPath)})`);
const typeMismatches = schema
  .map((field, index) => ({ name: field.name, expected: duckTypes[field.type], actual: described[index]?.column_type }))
  .filter((column) => column.expected !== column.actual);
const nameMismatches = described.length !== schema.length
  || described.some((column, index) => column.column_name !== schema[index].name);

const [summary] = await rows(connection, `SELECT
  (SELECT count(*) FROM parquet_table) AS parquet_rows,
  (SELECT count(*) FROM csv_table) AS csv_rows,
  (SELECT count(*) FROM (SELECT * FROM parquet_table EXCEPT ALL SELECT * FROM csv_table)) AS only_in_parquet,
  (SELECT count(*) FROM (SELECT * FROM csv_table EXCEPT ALL SELECT * FROM parquet_table)) AS only_in_csv`);

const result = {
  parquetRows: Number(summary.parquet_rows),
  csvRows: Number(summary.csv_rows),
  onlyInParquet: Number(summary.only_in_parquet),
  onlyInCsv: Number(summary.only_in_csv),
  typeMismatches,
  columnNamesMatch: !nameMismatches,
};
console.log(JSON.stringify(result));

const equal = result.parquetRows === result.csvRows && result.onlyInParquet === 0 && result.onlyInCsv === 0
  && typeMismatches.length === 0 && !nameMismatches;
if (!equal) {
  const examples = await rows(connection, `SELECT 'parquet' AS side, * FROM (SELECT * FROM parquet_table EXCEPT ALL SELECT * FROM csv_table LIMIT 5)
    UNION ALL SELECT 'csv' AS side, * FROM (SELECT * FROM csv_table EXCEPT ALL SELECT * FROM parquet_table LIMIT 5)`);
  console.error(JSON.stringify(examples, null, 1));
  process.exit(1);
}
