// Makes DuckDB write a Parquet file of a fixed, formula-defined table, for SegBench's reader tests.
//
//   node write.mjs <out.parquet> <uncompressed|snappy|gzip|zstd> <rows> [v1|v2] [row-group-rows]
//
// Row i (0-based) holds, with NULL where the divisibility rule says so:
//   int32_col   (i * 37) % 1000 - 500          NULL when i % 7 = 0
//   int64_col   i * 1000003                    NULL when i % 11 = 0
//   double_col  i / 8                          NULL when i % 13 = 0
//   bool_col    i % 3 = 0                      NULL when i % 5 = 0
//   city        'city_' || (i % 10)            NULL when i % 9 = 0     (dictionary-encoded)
//   label       'name ' || i || ', "q" é'      NULL when i % 17 = 0    (high cardinality)
//   day         1970-01-01 + (i % 20000) days  NULL when i % 19 = 0
//   id          i * 2 as INTEGER NOT NULL      never NULL
import { connect, literal, usage } from './common.mjs';

const [outPath, codec, rowText, version = 'v1', groupText = '122880'] = process.argv.slice(2);
const codecs = ['uncompressed', 'snappy', 'gzip', 'zstd'];
if (!outPath || !codecs.includes(codec) || !/^\d+$/.test(rowText ?? '') || !['v1', 'v2'].includes(version) || !/^\d+$/.test(groupText)) {
  usage('node write.mjs <out.parquet> <uncompressed|snappy|gzip|zstd> <rows> [v1|v2] [row-group-rows]');
}

const connection = await connect();
await connection.run(`CREATE TABLE t (
  int32_col INTEGER, int64_col BIGINT, double_col DOUBLE, bool_col BOOLEAN,
  city VARCHAR, label VARCHAR, day DATE, id INTEGER NOT NULL)`);
await connection.run(`INSERT INTO t SELECT
  CASE WHEN i % 7 = 0 THEN NULL ELSE ((i * 37) % 1000 - 500)::INTEGER END,
  CASE WHEN i % 11 = 0 THEN NULL ELSE i * 1000003 END,
  CASE WHEN i % 13 = 0 THEN NULL ELSE i / 8 END,
  CASE WHEN i % 5 = 0 THEN NULL ELSE i % 3 = 0 END,
  CASE WHEN i % 9 = 0 THEN NULL ELSE 'city_' || (i % 10) END,
  CASE WHEN i % 17 = 0 THEN NULL ELSE 'name ' || i || ', "q" é' END,
  CASE WHEN i % 19 = 0 THEN NULL ELSE DATE '1970-01-01' + (i % 20000)::INTEGER END,
  (i * 2)::INTEGER
  FROM range(${Number(rowText)}) r(i) ORDER BY i`);
await connection.run(`COPY (SELECT * FROM t ORDER BY id) TO ${literal(outPath)} (FORMAT parquet,
  COMPRESSION ${literal(codec)}, ROW_GROUP_SIZE ${Number(groupText)}, PARQUET_VERSION ${version.toUpperCase()})`);
console.log(JSON.stringify({ path: outPath, codec, rows: Number(rowText), version }));
