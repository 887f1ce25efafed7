// Aging with DuckDB (npm @duckdb/node-api), as a DuckDB user would write it:
//   node age-duckdb.mjs AS_OF items.csv aging.csv
// read_csv with the amount as DECIMAL(18,2), so every sum is exact; one
// GROUP BY; COPY writes the CSV.  DuckDB uses every core (2 here).
//   node age-duckdb.mjs --version   prints the DuckDB, package and Node versions
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

if (process.argv[2] === '--version') {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const v = (await con.runAndReadAll('SELECT version()')).getRows()[0][0];
  const pkg = JSON.parse(readFileSync(new URL(import.meta.resolve('@duckdb/node-api/package.json')), 'utf8'));
  console.log(`DuckDB ${v}, @duckdb/node-api ${pkg.version}, Node ${process.version}`);
  process.exit(0);
}
const [asOf, input, output] = process.argv.slice(2);
if (!output) {
  console.error('usage: node age-duckdb.mjs AS_OF items.csv aging.csv');
  process.exit(64);
}
const q = (s) => `'${s.replaceAll("'", "''")}'`;
const bucket = (cond, name) =>
  `CAST(SUM(CASE WHEN ${cond} THEN amount ELSE 0 END) AS VARCHAR) AS "${name}"`;

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run(`
COPY (
  WITH items AS (
    SELECT customer, name, currency, amount,
           date_diff('day', due_date, DATE ${q(asOf)}) AS days
    FROM read_csv(${q(input)}, header = true,
                  columns = {'customer': 'VARCHAR', 'name': 'VARCHAR', 'doc_no': 'VARCHAR',
                             'doc_type': 'VARCHAR', 'doc_date': 'DATE', 'due_date': 'DATE',
                             'currency': 'VARCHAR', 'amount': 'DECIMAL(18,2)'})
  )
  SELECT customer, any_value(name) AS name, currency,
         ${bucket('days <= 0', 'current')},
         ${bucket('days BETWEEN 1 AND 30', '1-30')},
         ${bucket('days BETWEEN 31 AND 60', '31-60')},
         ${bucket('days BETWEEN 61 AND 90', '61-90')},
         ${bucket('days BETWEEN 91 AND 120', '91-120')},
         ${bucket('days > 120', '121+')},
         CAST(SUM(amount) AS VARCHAR) AS total,
         count(*) AS items,
         greatest(coalesce(max(days) FILTER (WHERE amount > 0), 0), 0) AS oldest_days
  FROM items
  GROUP BY customer, currency
  ORDER BY customer, currency
) TO ${q(output)} (HEADER, DELIMITER ',')`);
con.closeSync?.();
