// Prints the column chunk statistics DuckDB reads from a Parquet file's footer, one JSON line.
//
//   node stats.mjs <file.parquet>
//
// Output: [{"rowGroup": 0, "column": "age", "min": "...", "max": "...", "nullCount": 3}, ...]
// with min and max as DuckDB renders them for the column's logical type.
import { connect, literal, rows, usage } from './common.mjs';

const [parquetPath] = process.argv.slice(2);
if (!parquetPath) {
  usage('node stats.mjs <file.parquet>');
}

const connection = await connect();
const result = await rows(connection, `SELECT row_group_id, path_in_schema, stats_min_value, stats_max_value, stats_null_count
  FROM parquet_metadata(${literal(parquetPath)}) ORDER BY row_group_id, column_id`);
console.log(JSON.stringify(result.map((row) => ({
  rowGroup: Number(row.row_group_id),
  column: row.path_in_schema,
  min: row.stats_min_value,
  max: row.stats_max_value,
  nullCount: row.stats_null_count === null ? null : Number(row.stats_null_count),
}))));
