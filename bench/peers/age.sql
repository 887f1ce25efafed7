-- Aging with the sqlite3 shell, as a SQL user would write it.
--   sqlite3 -cmd '.import --csv items.csv items' :memory: < age.sql
-- The import (every column TEXT) is part of the timed run; the database is
-- in memory.  Amounts are summed as REAL and printed with printf('%.2f').
.mode csv
.headers on
SELECT customer, name, currency,
       printf('%.2f', SUM(CASE WHEN d <= 0 THEN a ELSE 0 END))               AS "current",
       printf('%.2f', SUM(CASE WHEN d BETWEEN 1 AND 30 THEN a ELSE 0 END))   AS "1-30",
       printf('%.2f', SUM(CASE WHEN d BETWEEN 31 AND 60 THEN a ELSE 0 END))  AS "31-60",
       printf('%.2f', SUM(CASE WHEN d BETWEEN 61 AND 90 THEN a ELSE 0 END))  AS "61-90",
       printf('%.2f', SUM(CASE WHEN d BETWEEN 91 AND 120 THEN a ELSE 0 END)) AS "91-120",
       printf('%.2f', SUM(CASE WHEN d > 120 THEN a ELSE 0 END))              AS "121+",
       printf('%.2f', SUM(a))                                                AS total,
       COUNT(*)                                                              AS items,
       MAX(0, COALESCE(MAX(CASE WHEN a > 0 THEN d END), 0))                  AS oldest_days
FROM (SELECT customer, name, currency, CAST(amount AS REAL) AS a,
             CAST(julianday('2026-11-24') - julianday(due_date) AS INTEGER) AS d
      FROM items)
GROUP BY customer, currency
ORDER BY customer, currency;
