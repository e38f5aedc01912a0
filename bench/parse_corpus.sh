#!/usr/bin/env bash
# Times twostep on one generated 20,000-statement pending migration against a small deployed app.
# Usage: bench/parse_corpus.sh [BUILD_DIR]   (default build/release)
set -euo pipefail
build=${1:-build/release}
twostep="$(cd "$build" && pwd)/twostep"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q -b main
mkdir -p migrations app
echo "CREATE TABLE users (id bigint PRIMARY KEY, email text);" > migrations/0001_users.sql
echo 'const q = "SELECT id FROM users"' > app/users.go
git -c user.email=b@example.com -c user.name=bench add -A
git -c user.email=b@example.com -c user.name=bench commit -qm deployed
# 2,000 tables, ten statements each: the mix of a long-lived schema's migrations.
for i in $(seq 1 2000); do
  echo "CREATE TABLE t$i (id bigserial PRIMARY KEY, name text NOT NULL, created_at timestamptz);"
  echo "-- a comment before the statement"
  echo "ALTER TABLE t$i ADD COLUMN note text, ADD COLUMN flag boolean DEFAULT false;"
  echo "CREATE INDEX t${i}_name_idx ON t$i (name);"
  echo "ALTER TABLE t$i ALTER COLUMN name SET DEFAULT '';"
  echo "UPDATE t$i SET note = 'x' WHERE id > 10;"
  echo "ALTER TABLE t$i RENAME COLUMN note TO remark;"
  echo "CREATE VIEW v$i AS SELECT id, name FROM t$i;"
  echo "COMMENT ON TABLE t$i IS 'table $i';"
  echo "ALTER TABLE t$i DROP COLUMN flag;"
  echo "ALTER TABLE users ADD COLUMN IF NOT EXISTS c$i integer;"
done > migrations/0002_wide.sql
bytes=$(wc -c < migrations/0002_wide.sql)
start=$(date +%s.%N)
"$twostep" check --deployed-ref HEAD --format json > /dev/null
end=$(date +%s.%N)
echo "20000 statements ($bytes bytes): $(echo "$end - $start" | bc) s"
