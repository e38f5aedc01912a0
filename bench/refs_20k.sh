#!/usr/bin/env bash
# Times `twostep refs` over a deployed tree of 20,000 source files (Go, Python, Ruby, TypeScript
# with SQL in string literals, Rails models, docs and vendored code that are not read).
# Usage: bench/refs_20k.sh [BUILD_DIR]   (default build/release)
set -euo pipefail
build=${1:-build/release}
twostep="$(cd "$build" && pwd)/twostep"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q -b main
mkdir -p migrations
for t in $(seq 1 200); do
  echo "CREATE TABLE t$t (id bigserial PRIMARY KEY, name text, total int, note text, created_at timestamptz);"
done > migrations/0001_tables.sql
python3 - <<'PY'
import os
for i in range(20000):
    t = i % 200 + 1
    kind = i % 5
    d = f"svc{i % 40}/pkg{i % 97}"
    os.makedirs(d, exist_ok=True)
    if kind == 0:
        open(f"{d}/f{i}.go", "w").write(f'package p\n\nconst q{i} = `SELECT id, name FROM t{t} WHERE id = $1`\n\nfunc F{i}() {{}}\n' * 3)
    elif kind == 1:
        open(f"{d}/f{i}.py", "w").write(f'def f{i}(cur):\n    cur.execute("UPDATE t{t} SET total = %s WHERE id = %s", (1, 2))\n    return "note"\n' * 3)
    elif kind == 2:
        open(f"{d}/f{i}.rb", "w").write(f'class Model{i} < ApplicationRecord\n  self.table_name = "t{t}"\n  self.ignored_columns = %w[note]\nend\n')
    elif kind == 3:
        open(f"{d}/f{i}.ts", "w").write(f'export const q{i} = `INSERT INTO t{t} (name, total) VALUES (${{a}}, ${{b}})`;\n' * 3)
    else:
        open(f"{d}/README{i}.md", "w").write(f"t{t}.note is documented here\n")
os.makedirs("vendor/lib", exist_ok=True)
for i in range(500):
    open(f"vendor/lib/v{i}.go", "w").write("package v\nconst x = `SELECT * FROM t1`\n")
PY
git -c user.email=b@example.com -c user.name=bench add -A
git -c user.email=b@example.com -c user.name=bench commit -qm deployed
files=$(git ls-files | wc -l)
start=$(date +%s.%N)
"$twostep" refs -o refs.json 2> summary.txt
end=$(date +%s.%N)
cat summary.txt
echo "$files files in the tree: twostep refs took $(echo "$end - $start" | bc) s"
