#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "analyzer/lang/scanner.hpp"
#include "analyzer/refs/code/literals.hpp"

using namespace twostep;
using namespace twostep::refs;

namespace {

std::vector<std::string> values(std::string_view path, std::string_view content) {
  std::vector<std::string> out;
  for (const lang::StringLiteral& literal : lang::string_literals(path, content))
    out.push_back(literal.value);
  return out;
}

using Values = std::vector<std::string>;

}  // namespace

// ---------------------------------------------------------------------------------------------
// Positions

TEST_CASE("literals: offsets point at the first content byte, lines are 1-based", "[literals]") {
  std::string source = "package a\n\nconst q = \"SELECT 1\"\nvar b = `x`\n";
  auto literals = lang::string_literals("a.go", source);
  REQUIRE(literals.size() == 2);
  CHECK(literals[0].value == "SELECT 1");
  CHECK(literals[0].line == 3);
  CHECK(literals[0].offset == source.find("SELECT"));
  CHECK(literals[1].value == "x");
  CHECK(literals[1].line == 4);
  CHECK(literals[1].offset == source.find("x`"));
}

TEST_CASE("literals: CRLF files count lines and give LF values", "[literals]") {
  std::string source = "x = 1\r\nq = \"SELECT a\"\r\nr = '''SELECT\r\nb'''\r\n";
  auto literals = lang::string_literals("a.py", source);
  REQUIRE(literals.size() == 2);
  CHECK(literals[0].value == "SELECT a");
  CHECK(literals[0].line == 2);
  CHECK(literals[1].value == "SELECT\nb");
  CHECK(literals[1].line == 3);
}

TEST_CASE("literals: UTF-8 content and offsets in bytes", "[literals]") {
  std::string source = "// héllo ünïcode\nconst s = \"SELECT 'é' FROM t\"; const e = '日本';\n";
  auto literals = lang::string_literals("a.js", source);
  REQUIRE(literals.size() == 2);
  CHECK(literals[0].value == "SELECT 'é' FROM t");
  CHECK(literals[0].offset == source.find("SELECT"));
  CHECK(literals[1].value == "日本");
  CHECK(literals[1].line == 2);
}

TEST_CASE("literals: the result is in order of offset", "[literals]") {
  auto literals = lang::string_literals("a.rb", "f(<<~SQL, \"x\")\n  SELECT 1\nSQL\ny = 'z'\n");
  REQUIRE(literals.size() == 3);
  CHECK(literals[0].value == "x");
  CHECK(literals[1].value == "SELECT 1\n");
  CHECK(literals[1].line == 2);
  CHECK(literals[2].value == "z");
  for (std::size_t i = 1; i < literals.size(); ++i) {
    CHECK(literals[i - 1].offset <= literals[i].offset);
  }
}

// ---------------------------------------------------------------------------------------------
// C-like languages

TEST_CASE("literals: Go strings, raw strings, runes and comments", "[literals]") {
  CHECK(values("a.go", "s := \"a\\tb\\\"c\\\\\"") == Values{"a\tb\"c\\"});
  CHECK(values("a.go", "q := `SELECT \"x\"\n FROM t\\n`") == Values{"SELECT \"x\"\n FROM t\\n"});
  CHECK(values("a.go", "r := '\"'; s := \"x\"") == Values{"x"});
  CHECK(values("a.go", "r := '\\''; s := \"x\"") == Values{"x"});
  CHECK(values("a.go", "// don't \"quote\"\n/* it's `raw` */ s := \"y\"") == Values{"y"});
  CHECK(values("a.go", "q := \"SELECT a \" +\n\t\"FROM t\"") == Values{"SELECT a FROM t"});
  CHECK(values("a.go", "q := \"SELECT a \" + // cols\n\t`FROM t`") == Values{"SELECT a FROM t"});
  CHECK(values("a.go", "q := \"a\" + x + \"b\"") == Values{"a", "b"});
  CHECK(values("a.go", "f(\"a\", \"b\")") == Values{"a", "b"});
  CHECK(values("a.go", "s := \"\\u00e9\\x41\\101\"") == Values{"éAA"});
}

TEST_CASE("literals: Java strings, text blocks, chars and concatenation", "[literals]") {
  CHECK(values("A.java", "String q = \"SELECT a \" + \"FROM t\";") == Values{"SELECT a FROM t"});
  CHECK(values("A.java", "String q = \"SELECT a \"\n    + \"FROM t \"\n    + \"WHERE x = ?\";") ==
        Values{"SELECT a FROM t WHERE x = ?"});
  CHECK(values("A.java", "String q = \"\"\"\n    SELECT \"a\"\n    FROM t\"\"\";") ==
        Values{"\n    SELECT \"a\"\n    FROM t"});
  CHECK(values("A.java", "char c = '\"'; char d = '\\''; String s = \"x\";") == Values{"x"});
  CHECK(values("A.java", "@Query(\"SELECT u FROM User u\") // isn't\nvoid f();") ==
        Values{"SELECT u FROM User u"});
  CHECK(values("A.java", "String s = \"a\".trim() + \"b\";") == Values{"a", "b"});
  CHECK(values("A.java", "s += \"a\"; s += \"b\";") == Values{"a", "b"});
  CHECK(values("A.java", "/* \"not\" a 'literal' */ String s = \"\\\"q\\\"\";") == Values{"\"q\""});
}

TEST_CASE("literals: Kotlin and Scala templates and raw strings", "[literals]") {
  CHECK(values("a.kt", "val q = \"SELECT * FROM t WHERE id = $id AND n = ${x + 1}\"") ==
        Values{"SELECT * FROM t WHERE id = $? AND n = $?"});
  CHECK(values("a.kt", "val q = \"\"\"SELECT \\d $1\n FROM t\"\"\"") ==
        Values{"SELECT \\d $1\n FROM t"});
  CHECK(values("a.kt", "val c = 'x'; val s = \"\\$ok\"") == Values{"$ok"});
  CHECK(values("a.kt", "/* a /* nested */ \"not\" */ val s = \"y\"") == Values{"y"});
  CHECK(values("a.scala", "sql\"SELECT a FROM t WHERE id = $id\"") ==
        Values{"SELECT a FROM t WHERE id = $?"});
  CHECK(values("a.scala", "s\"cost $$5 ${x.y}\"") == Values{"cost $5 $?"});
  CHECK(values("a.scala", "val q = \"\"\"SELECT \"x\" FROM t\"\"\"") ==
        Values{"SELECT \"x\" FROM t"});
  CHECK(values("a.scala", "val s = 'sym; val c = 'c'; val t = \"t\"") == Values{"t"});
}

TEST_CASE("literals: Groovy strings and GStrings", "[literals]") {
  CHECK(values("a.groovy", "def q = 'SELECT 1'") == Values{"SELECT 1"});
  CHECK(values("a.groovy", "def q = \"SELECT ${a} FROM $user.table\"") ==
        Values{"SELECT $? FROM $?"});
  CHECK(values("a.groovy", "def q = '''SELECT\n  1'''") == Values{"SELECT\n  1"});
}

TEST_CASE("literals: C# verbatim, interpolated and raw strings", "[literals]") {
  CHECK(values("a.cs", "var q = @\"SELECT \"\"a\"\"\n FROM t\";") ==
        Values{"SELECT \"a\"\n FROM t"});
  CHECK(values("a.cs", "var q = $\"SELECT {{x}} {col} FROM {T(\"t\")}\";") ==
        Values{"SELECT {x} $? FROM $?", "t"});
  CHECK(values("a.cs", "var q = $@\"SELECT {a}\n\"\"b\"\"\";") == Values{"SELECT $?\n\"b\""});
  CHECK(values("a.cs", "var q = \"\"\"\n  SELECT \"a\" FROM t\n  \"\"\";") ==
        Values{"\n  SELECT \"a\" FROM t\n  "});
  CHECK(values("a.cs", "var q = $$\"\"\"SELECT {a} {{b}}\"\"\";") == Values{"SELECT {a} $?"});
  CHECK(values("a.cs", "char c = '\\''; var s = \"a\" + \"b\";") == Values{"ab"});
  CHECK(values("a.cs", "var e = \"\"; var f = \"x\";") == Values{"", "x"});
}

TEST_CASE("literals: C and C++ juxtaposition, raw strings, chars", "[literals]") {
  CHECK(values("a.c", "const char* q = \"SELECT a \"\n                \"FROM t\";") ==
        Values{"SELECT a FROM t"});
  CHECK(values("a.c", "char c = '\"'; char d = '\\''; char* s = \"x\";") == Values{"x"});
  CHECK(values("a.cpp", "auto q = R\"sql(SELECT \"a\" \\n)\" FROM t)sql\";") ==
        Values{"SELECT \"a\" \\n)\" FROM t"});
  CHECK(values("a.cpp", "auto q = R\"(x)\";") == Values{"x"});
  CHECK(values("a.cpp", "int n = 1'000'000; auto s = \"y\";") == Values{"y"});
  CHECK(values("a.cpp", "auto s = u8\"a\" L\"b\";") == Values{"a", "b"});
  CHECK(values("a.h", "#include \"x.h\"\n// it's\nf(\"a\", 'b');") == Values{"x.h", "a"});
  CHECK(values("a.m", "NSString* s = @\"SELECT 1\";") == Values{"SELECT 1"});
}

TEST_CASE("literals: JavaScript and TypeScript", "[literals]") {
  CHECK(values("a.js", "const q = 'SELECT a ' +\n  \"FROM t\";") == Values{"SELECT a FROM t"});
  CHECK(values("a.ts", "const q = `SELECT * FROM ${table} WHERE id = ${id}`;") ==
        Values{"SELECT * FROM $? WHERE id = $?"});
  CHECK(values("a.tsx", "const q = `a ${b ? `c${d}` : \"e}\"} f`;") ==
        Values{"a $? f", "c$?", "e}"});
  CHECK(values("a.js", "const q = `${ {a: '}'}.a }x`;") == Values{"$?x", "}"});
  CHECK(values("a.mjs", "const s = 'it\\'s'; const t = \"\\u{1F600}\";") ==
        Values{"it's", "\xF0\x9F\x98\x80"});
  CHECK(values("a.js", "x = s.replace(/'/g, \"''\"); y = '1';") == Values{"''", "1"});
  CHECK(values("a.js", "x = a / b; y = c / d; z = 'q';") == Values{"q"});
  CHECK(values("a.js", "if (/[/']/.test(s)) return 'x';") == Values{"x"});
  CHECK(values("a.js", "// it's a comment\n/* 'also' */ const s = `ok`;") == Values{"ok"});
  CHECK(values("a.js", "sql`SELECT 1 WHERE a = ${a}`") == Values{"SELECT 1 WHERE a = $?"});
  CHECK(values("a.cjs", "const s = \"line\\\ncontinued\";") == Values{"linecontinued"});
  CHECK(values("a.js", "const s = \"a\" + b + \"c\";") == Values{"a", "c"});
  CHECK(values("a.jsx", "return <p>Don't panic</p>;\nconst q = \"SELECT 1\";") ==
        Values{"t panic</p>;", "SELECT 1"});
}

TEST_CASE("literals: Rust strings, raw strings, chars and lifetimes", "[literals]") {
  CHECK(values("a.rs", "let q = r#\"SELECT \"a\" FROM t\"#;") == Values{"SELECT \"a\" FROM t"});
  CHECK(values("a.rs", "let q = r\"C:\\path\";") == Values{"C:\\path"});
  CHECK(values("a.rs", "let q = r##\"a \"# b\"##;") == Values{"a \"# b"});
  CHECK(values("a.rs", "fn f<'a>(x: &'a str) -> char { let s = \"x\"; '\"' }") == Values{"x"});
  CHECK(values("a.rs", "let c = '\\''; let d = b'x'; let s = b\"y\";") == Values{"y"});
  CHECK(values("a.rs", "let s = \"multi\nline\";") == Values{"multi\nline"});
  CHECK(values("a.rs", "/* outer /* inner */ \"no\" */ let s = \"yes\";") == Values{"yes"});
  CHECK(values("a.rs", "let r#type = 1; let s = \"z\";") == Values{"z"});
}

TEST_CASE("literals: Swift interpolation and raw strings", "[literals]") {
  CHECK(values("a.swift", "let q = \"SELECT \\(a) FROM t\"") == Values{"SELECT $? FROM t"});
  CHECK(values("a.swift", "let q = #\"SELECT \"a\" \\n \\#(b)\"#") ==
        Values{"SELECT \"a\" \\n $?"});
  CHECK(values("a.swift", "let q = \"\"\"\n  SELECT 1\n  \"\"\"") == Values{"\n  SELECT 1\n  "});
  CHECK(values("a.swift", "#if DEBUG\nlet s = \"a\" + \"b\"\n#endif") == Values{"ab"});
}

TEST_CASE("literals: Dart strings", "[literals]") {
  CHECK(values("a.dart", "var q = 'SELECT a ' 'FROM t';") == Values{"SELECT a FROM t"});
  CHECK(values("a.dart", "var q = \"SELECT $a ${b.c}\";") == Values{"SELECT $? $?"});
  CHECK(values("a.dart", "var q = r'SELECT $1';") == Values{"SELECT $1"});
  CHECK(values("a.dart", "var q = '''SELECT\n 1''';") == Values{"SELECT\n 1"});
}

TEST_CASE("literals: PHP strings, heredocs and tags", "[literals]") {
  CHECK(values("a.php", "<?php\n$q = 'SELECT \\'a\\' \\n';") == Values{"SELECT 'a' \\n"});
  CHECK(values("a.php", "<?php $q = \"SELECT * FROM $table WHERE id = {$this->id}\";") ==
        Values{"SELECT * FROM $? WHERE id = $?"});
  CHECK(values("a.php", "<?php $q = \"SELECT a \" . \"FROM t\";") == Values{"SELECT a FROM t"});
  CHECK(values("a.php", "<?php\n# it's\n// don't\n/* won't */ $s = 'x';") == Values{"x"});
  CHECK(values("a.php", "<?php\n$q = <<<SQL\n  SELECT * FROM t WHERE a = $a\n  SQL;\n$r = 'x';") ==
        Values{"  SELECT * FROM t WHERE a = $?\n", "x"});
  CHECK(values("a.php", "<?php\n$q = <<<'SQL'\nSELECT $a\nSQL;\n") == Values{"SELECT $a\n"});
  CHECK(values("a.php", "<p>Don't</p>\n<?php echo 'x'; ?>\n<p>it's</p><?= \"y\" ?>") ==
        Values{"x", "y"});
  CHECK(values("a.php", "$s = 'no tag';") == Values{"no tag"});
  CHECK(values("a.php", "<?php $a = $row['name']; $b = \"v: $row[id]!\";") ==
        Values{"name", "v: $?!"});
}

// ---------------------------------------------------------------------------------------------
// Python

TEST_CASE("literals: Python quotes, prefixes and escapes", "[literals]") {
  CHECK(values("a.py", "a = 'x'; b = \"y\"; c = '''z'''; d = \"\"\"w\"\"\"") ==
        Values{"x", "y", "z", "w"});
  CHECK(values("a.py", "q = r'\\d+\\'' ") == Values{"\\d+\\'"});
  CHECK(values("a.py", "q = rb\"a\\\"b\"") == Values{"a\\\"b"});
  CHECK(values("a.py", "q = b'\\x41'") == Values{"A"});
  CHECK(values("a.py", "q = f\"SELECT {col!r:>{width}} FROM {{t}}\"") ==
        Values{"SELECT $? FROM {t}"});
  CHECK(values("a.py", "q = Fr'{a}\\n'") == Values{"$?\\n"});
  CHECK(values("a.py", "q = f\"{d['key']}\"") == Values{"$?", "key"});
  CHECK(values("a.py", "# it's a comment\nq = 'x'  # don't\n") == Values{"x"});
  CHECK(values("a.py", "q = \"\"\"SELECT \"a\"\n  FROM t\"\"\"") ==
        Values{"SELECT \"a\"\n  FROM t"});
  CHECK(values("a.py", "q = ''\nr = 'x'") == Values{"", "x"});
  CHECK(values("a.py", "q = '''it's'''") == Values{"it's"});
}

TEST_CASE("literals: Python implicit concatenation and +", "[literals]") {
  CHECK(values("a.py", "q = (\"SELECT a \"\n     \"FROM t \"  # comment\n     'WHERE b = %s')") ==
        Values{"SELECT a FROM t WHERE b = %s"});
  CHECK(values("a.py", "q = \"SELECT a \" \\\n    \"FROM t\"") == Values{"SELECT a FROM t"});
  CHECK(values("a.py", "q = \"SELECT a \" + \"FROM t\"") == Values{"SELECT a FROM t"});
  CHECK(values("a.py", "q = f\"SELECT {a} \" \"FROM t\"") == Values{"SELECT $? FROM t"});
  // Two statements are two literals.
  CHECK(values("a.py", "a = \"x\"\nb = \"y\"") == Values{"x", "y"});
  CHECK(values("a.py", "\"x\"\n\"y\"") == Values{"x", "y"});
  CHECK(values("a.py", "f(\"x\", \"y\")") == Values{"x", "y"});
}

// ---------------------------------------------------------------------------------------------
// Ruby

TEST_CASE("literals: Ruby quotes and interpolation", "[literals]") {
  CHECK(values("a.rb", "q = 'it\\'s \\n'") == Values{"it's \\n"});
  CHECK(values("a.rb", "q = \"SELECT #{cols} FROM #@table WHERE a = \\\"#{'x'}\\\"\"") ==
        Values{"SELECT $? FROM $? WHERE a = \"$?\"", "x"});
  CHECK(values("a.rb", "# don't\nq = \"a\" \"b\"") == Values{"ab"});
  CHECK(values("a.rb", "q = \"a\" \\\n    \"b\"") == Values{"ab"});
  CHECK(values("a.rb", "q = \"a\" +\n    \"b\"") == Values{"ab"});
  CHECK(values("a.rb", "a = \"x\"\nb = \"y\"") == Values{"x", "y"});
  CHECK(values("a.rb", "x.gsub(/'/, \"''\")") == Values{"''"});
  CHECK(values("a.rb", "x = a / b; y = c / 2; z = 'q'") == Values{"q"});
  CHECK(values("a.rb", "x = $'; y = 'z'") == Values{"z"});
  CHECK(values("a.rb", "valid? 'a'") == Values{"a"});
}

TEST_CASE("literals: Ruby heredocs", "[literals]") {
  CHECK(values("a.rb", "q = <<~SQL\n  SELECT *\n    FROM t\n  SQL\n") ==
        Values{"SELECT *\n  FROM t\n"});
  CHECK(values("a.rb", "q = <<-SQL\n  SELECT #{a}\n  SQL\n") == Values{"  SELECT $?\n"});
  CHECK(values("a.rb", "q = <<SQL\nSELECT 1\n  SQL\nSQL\n") == Values{"SELECT 1\n  SQL\n"});
  CHECK(values("a.rb", "q = <<~'SQL'\n  SELECT #{a} \\n\n  SQL\n") == Values{"SELECT #{a} \\n\n"});
  CHECK(values("a.rb", "where(<<~SQL.squish, id)\n  SELECT 1\nSQL\nx = 'after'") ==
        Values{"SELECT 1\n", "after"});
  CHECK(values("a.rb", "f(<<~A, <<~B) # it's\n  a\nA\n  b\nB\n") == Values{"a\n", "b\n"});
  CHECK(values("a.rb", "x = a << b\ny = 'c'") == Values{"c"});
  CHECK(values("a.rb", "class << self\n  X = 'c'\nend") == Values{"c"});
  CHECK(values("a.rb", "q = <<~SQL\n  SELECT 1\n") == Values{"SELECT 1\n"});  // unterminated
  CHECK(values("a.rb", "q = <<~SQL\r\n  SELECT 1\r\n  SQL\r\nx = 'y'\r\n") ==
        Values{"SELECT 1\n", "y"});
  auto literals = lang::string_literals("a.rb", "x = 1\nq = <<~SQL\n  SELECT 1\nSQL\n");
  REQUIRE(literals.size() == 1);
  CHECK(literals[0].line == 3);
}

TEST_CASE("literals: Ruby percent literals, =begin and __END__", "[literals]") {
  CHECK(values("a.rb", "q = %q(SELECT 'a' (b) \\) c)") == Values{"SELECT 'a' (b) ) c"});
  CHECK(values("a.rb", "q = %Q[SELECT #{a}]") == Values{"SELECT $?"});
  CHECK(values("a.rb", "q = %(SELECT \"a\")") == Values{"SELECT \"a\""});
  CHECK(values("a.rb", "q = %{a {b} c}") == Values{"a {b} c"});
  CHECK(values("a.rb", "w = %w[it's a]; x = 'y'") == Values{"y"});
  CHECK(values("a.rb", "x = 10 % 3; y = 'z'") == Values{"z"});
  CHECK(values("a.rb", "=begin\nit's 'not' code\n=end\nx = 'y'") == Values{"y"});
  CHECK(values("a.rb", "x = 'y'\n__END__\nit's data") == Values{"y"});
  CHECK(values("a.erb", "<p>Don't</p><%= link_to 'x' %><%# it's %>\n<% y = \"z\" %>it's") ==
        Values{"x", "z"});
  CHECK(values("a.rake", "task :x do\n  sh 'echo'\nend") == Values{"echo"});
}

// ---------------------------------------------------------------------------------------------
// Other languages

TEST_CASE("literals: Elixir strings, heredocs and sigils", "[literals]") {
  CHECK(values("a.ex", "q = \"SELECT #{a} FROM t\" # it's") == Values{"SELECT $? FROM t"});
  CHECK(values("a.exs", "q = \"\"\"\n  SELECT 1\n  \"\"\"") == Values{"\n  SELECT 1\n  "});
  CHECK(values("a.ex", "q = ~s(SELECT \"a\")") == Values{"SELECT \"a\""});
  CHECK(values("a.ex", "q = ~S\"\"\"\nSELECT #{a}\n\"\"\"") == Values{"\nSELECT #{a}\n"});
  CHECK(values("a.ex", "q = \"SELECT a \" <> \"FROM t\"") == Values{"SELECT a FROM t"});
  CHECK(values("a.ex", "c = ?'; d = ?\"; s = \"x\"") == Values{"x"});
  CHECK(values("a.ex", "def valid?(x), do: 'y'") == Values{"y"});
}

TEST_CASE("literals: shell quotes, comments and heredocs", "[literals]") {
  CHECK(values("a.sh", "psql -c 'SELECT 1' # it's\necho \"a $b ${c} $(d 'e')\"") ==
        Values{"SELECT 1", "a $? $? $?", "e"});
  CHECK(values("a.sh", "psql <<SQL\nSELECT * FROM t WHERE a = '$x'\nSQL\necho 'y'") ==
        Values{"SELECT * FROM t WHERE a = '$?'\n", "y"});
  CHECK(values("a.sh", "psql <<-'EOF'\n\tSELECT $1\n\tEOF\n") == Values{"\tSELECT $1\n"});
  CHECK(values("a.sh", "echo don\\'t; x='y'; n=$#; z=\"a#b\"") == Values{"y", "a#b"});
  CHECK(values("a.sh", "echo $'a\\nb'") == Values{"a\nb"});
}

TEST_CASE("literals: Perl, Lua, Erlang, Clojure, Haskell, OCaml, Julia, VB", "[literals]") {
  CHECK(values("a.pl", "my $q = \"SELECT $x FROM t\"; # it's\nmy $r = 'a' . 'b';") ==
        Values{"SELECT $? FROM t", "ab"});
  CHECK(values("a.pl", "my $q = q{SELECT 'a'}; $s =~ s/'/''/g; my $t = qq(x $y);") ==
        Values{"SELECT 'a'", "x $?"});
  CHECK(values("a.pm", "my $q = <<\"SQL\";\nSELECT $x\nSQL\nmy $n = $#list;") ==
        Values{"SELECT $?\n"});
  CHECK(values("a.pl", "=pod\nit's\n=cut\nmy $x = 'y';") == Values{"y"});
  CHECK(values("a.lua", "-- it's\nlocal q = [[SELECT 'a']] .. [==[x]==] --[[ 'no' ]]") ==
        Values{"SELECT 'a'x"});
  CHECK(values("a.lua", "local q = 'a' .. \"b\"") == Values{"ab"});
  CHECK(values("a.erl", "% it's\nQ = \"SELECT 1\", A = 'atom', C = $\", D = \"x\" \"y\".") ==
        Values{"SELECT 1", "xy"});
  CHECK(values("a.clj", "; it's\n(def q \"SELECT 1\") (def c \\\") (def d \"x\")") ==
        Values{"SELECT 1", "x"});
  CHECK(values("a.hs", "-- it's\n{- 'no' -}\nq = \"a\" ++ \"b\"\nf' x = 'c'") == Values{"ab"});
  CHECK(values("a.ml", "(* it's \"x\" *) let q = {|SELECT \"a\"|} ^ {sql|b|sql}") ==
        Values{"SELECT \"a\"b"});
  CHECK(values("a.jl", "#= it's =# q = \"SELECT $a $(b)\" # don't") == Values{"SELECT $? $?"});
  CHECK(values("a.vb", "' it's\nDim q = \"SELECT \"\"a\"\"\" & \"b\"") == Values{"SELECT \"a\"b"});
}

TEST_CASE("literals: the language comes from the extension, in any case", "[literals]") {
  CHECK(values("src/App.JAVA", "char c = '\"'; String s = \"x\";") == Values{"x"});
  CHECK(values("lib/tasks/Rakefile", "# it's\nsh 'x'") == Values{"x"});
  CHECK(values("dir.py/file", "a = 'x' # it's") == Values{"x", "s"});  // no extension: generic
  CHECK(values("a.PY", "a = 'x' # it's") == Values{"x"});
}

TEST_CASE("literals: more interpolation edge cases", "[literals]") {
  CHECK(values("a.kt", "val q = \"SELECT $1, $ FROM t\"") == Values{"SELECT $1, $ FROM t"});
  CHECK(values("a.rb", "q = <<~SQL\n  SELECT #{cols.join(\", \")} FROM t\nSQL\n") ==
        Values{"SELECT $? FROM t\n", ", "});
  CHECK(values("a.js", "`a ${`b ${`c`}`} d`") == Values{"a $? d", "b $?", "c"});
  CHECK(values("a.py", "f'{a}{b}' u'x'") == Values{"$?$?x"});
  CHECK(values("a.pl", "$s =~ s{'}{''}g; $t =~ tr/a-z/A-Z/; my $x = 'y';") == Values{"y"});
  CHECK(values("a.sh", "x=`echo 'a'`; y=\"$(echo \"b\")\"") == Values{"$?", "b"});
}

TEST_CASE("literals: unknown extensions use a generic default", "[literals]") {
  CHECK(values("a.txt", "x = 'a' and \"b\"") == Values{"a", "b"});
  CHECK(values("a.hbs", "<p>Don't</p>\n<p title=\"t\">x</p>") == Values{"t</p>", "t"});
  CHECK(values("Makefile", "A = \"x\\ny\"") == Values{"x\ny"});
}

// ---------------------------------------------------------------------------------------------
// Robustness

TEST_CASE("literals: unterminated literals end at the end of the file", "[literals]") {
  CHECK(values("a.py", "q = '''SELECT") == Values{"SELECT"});
  CHECK(values("a.rb", "q = \"SELECT\n1") == Values{"SELECT\n1"});
  CHECK(values("a.js", "q = `SELECT ${a") == Values{"SELECT $?"});
  CHECK(values("a.go", "q := \"abc\nx := 'y'") == Values{"abc"});  // single-line strings
  CHECK(values("a.go", "s := \"a\\") == Values{"a\\"});
  CHECK(values("a.rs", "let s = r##\"a\"#") == Values{"a\"#"});
  CHECK(values("a.cpp", "auto s = R\"x(abc") == Values{"abc"});
  CHECK(values("a.c", "/* never closed \"x\"") == Values{});
  CHECK(values("a.rb", "=begin\nnever closed 'x'") == Values{});
  CHECK(values("a.rb", "x = %q(") == Values{""});
  CHECK(values("a.php", "<?php $q = <<<SQL\nSELECT") == Values{"SELECT"});
  CHECK(values("a.cs", "var s = $\"{") == Values{"$?"});
  CHECK(values("a.py", "") == Values{});
  CHECK(values("", "\"x\"") == Values{"x"});
}

TEST_CASE("literals: hostile input terminates without reading out of bounds", "[literals]") {
  std::vector<std::string> paths = {"a.go",  "a.java", "a.kt",  "a.scala", "a.groovy", "a.cs",
                                    "a.js",  "a.rs",   "a.c",   "a.swift", "a.dart",   "a.php",
                                    "a.py",  "a.rb",   "a.ex",  "a.sh",    "a.pl",     "a.lua",
                                    "a.erl", "a.clj",  "a.hs",  "a.ml",    "a.jl",     "a.nim",
                                    "a.r",   "a.vb",   "a.erb", "a.ejs",   "a.txt"};
  std::vector<std::string> inputs = {
      "\\",  "'",    "\"",      "`",      "${",     "#{",  "<<~", "<<<", "%q", "r#",
      "R\"", "$\"",  "@\"",     "\"\"\"", "'''",    "f'{", "~s",  "[=[", "{|", "/*",
      "(*",  "{-",   "#=",      "#[",     "<%",     "<?",  "?>",  "%>",  "/",  "$",
      "?",   "\\\n", "<<SQL\n", "<<-",    "x <<~S", "$(",  "\\(", "#\"", "{",  "}"};
  std::string prefixes[] = {"", "x = ", "`${", "\"#{", "f\"{", "$\"{"};
  for (const std::string& path : paths) {
    for (const std::string& prefix : prefixes) {
      for (const std::string& input : inputs) {
        std::string text = prefix + input;
        CHECK_NOTHROW(lang::string_literals(path, text));
        for (const lang::StringLiteral& literal : lang::string_literals(path, text)) {
          CHECK(literal.offset <= text.size());
          CHECK(literal.line >= 1);
        }
      }
    }
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
    CHECK_NOTHROW(lang::string_literals(path, bytes + bytes));
  }
}

TEST_CASE("literals: deep nesting does not exhaust the stack", "[literals]") {
  std::string js;
  for (int i = 0; i < 20000; ++i) js += "`${";
  CHECK_NOTHROW(lang::string_literals("a.js", js));
  std::string closed;
  for (int i = 0; i < 100; ++i) closed += "`a${";
  closed += "1";
  for (int i = 0; i < 100; ++i) closed += "}`";
  auto literals = lang::string_literals("a.js", closed);
  CHECK(!literals.empty());
  CHECK(literals[0].value == "a$?");
  std::string ruby;
  for (int i = 0; i < 20000; ++i) ruby += "\"#{";
  CHECK_NOTHROW(lang::string_literals("a.rb", ruby));
}

// How fast is bench's business (bench/refs_20k.sh); here, that every such file is read whole,
// and every literal of a large one found.
TEST_CASE("literals: large and pathological files are read whole", "[literals]") {
  auto read = [](std::string_view path, const std::string& text) {
    std::vector<lang::StringLiteral> literals;
    CHECK_NOTHROW(literals = lang::string_literals(path, text));
    CHECK(std::all_of(literals.begin(), literals.end(), [&](const lang::StringLiteral& literal) {
      return literal.end <= text.size();
    }));
    return literals.size();
  };
  std::string code;
  while (code.size() < (1 << 20)) {
    code += "const q = \"SELECT a, b FROM t WHERE id = ?\" + // it's\n  'x'; /* c */ f(`${y}`);\n";
  }
  CHECK(read("a.js", code) > 10000);
  CHECK(read("a.py", code) > 0);
  CHECK(read("a.rb", code) > 0);
  const std::size_t size = 1 << 20;
  for (const char* unit :
       {"/", "/ ", "$", "#", "\"\"", "{", "'", "''", "<<~A ", "%", "[=", "r#", "\\", "?", "`"}) {
    std::string text;
    while (text.size() < size) text += unit;
    for (const char* path :
         {"a.js", "a.rb", "a.cs", "a.swift", "a.lua", "a.rs", "a.py", "a.sh", "a.pl"}) {
      read(path, text);
    }
  }
  std::string lines;  // many regex-looking slashes on one line
  while (lines.size() < size) lines += "a = (/ ";
  read("a.js", lines);
}

// ---------------------------------------------------------------------------------------------
// Queries

TEST_CASE("as_query: only literals that start like a query", "[literals]") {
  CHECK(as_query("SELECT 1").value() == "SELECT 1");
  CHECK(as_query("  \n\tselect * from t").has_value());
  CHECK(as_query("-- comment\n/* block /* nested */ */ (SELECT 1)").has_value());
  CHECK(as_query("Insert INTO t VALUES (1)").has_value());
  CHECK(as_query("update t set a = 1").has_value());
  CHECK(as_query("DELETE FROM t").has_value());
  CHECK(as_query("WITH x AS (SELECT 1) SELECT * FROM x").has_value());
  CHECK(as_query("MERGE INTO t USING s ON true WHEN MATCHED THEN DO NOTHING").has_value());
  CHECK(as_query("SELECT\n1").has_value());
  CHECK(as_query("SELECT*FROM t").has_value());
  // Prose that starts with the keywords is handed over: the parser rejects it.
  CHECK(as_query("select a color").has_value());
  CHECK(as_query("Update your profile").has_value());
  CHECK_FALSE(as_query("selection").has_value());
  CHECK_FALSE(as_query("updates are available").has_value());
  CHECK_FALSE(as_query("SELECT").has_value());
  CHECK_FALSE(as_query("DELETE").has_value());
  CHECK_FALSE(as_query("select_all").has_value());
  CHECK_FALSE(as_query("CREATE TABLE t (a int)").has_value());
  CHECK_FALSE(as_query("").has_value());
  CHECK_FALSE(as_query("-- SELECT 1").has_value());
  CHECK_FALSE(as_query("/* SELECT 1").has_value());
  CHECK_FALSE(as_query("x SELECT 1").has_value());
}

TEST_CASE("as_query: placeholders of every style become $n", "[literals]") {
  CHECK(as_query("SELECT * FROM t WHERE a = ? AND b = ?") ==
        "SELECT * FROM t WHERE a = $1 AND b = $2");
  CHECK(as_query("SELECT * FROM t WHERE a = %s AND b = %d AND c = %b") ==
        "SELECT * FROM t WHERE a = $1 AND b = $2 AND c = $3");
  CHECK(as_query("SELECT * FROM t WHERE a = %(name)s AND b = %(other_2)s") ==
        "SELECT * FROM t WHERE a = $1 AND b = $2");
  CHECK(as_query("SELECT * FROM t WHERE a = :name AND b = :_x1") ==
        "SELECT * FROM t WHERE a = $1 AND b = $2");
  CHECK(as_query("SELECT * FROM t WHERE a = @name AND b = @p1") ==
        "SELECT * FROM t WHERE a = $1 AND b = $2");
  CHECK(as_query("SELECT * FROM t WHERE a = $1 AND b = $2 AND c = $1") ==
        "SELECT * FROM t WHERE a = $1 AND b = $2 AND c = $1");
  CHECK(as_query("SELECT * FROM t WHERE a = $? AND b = $?") ==
        "SELECT * FROM t WHERE a = $1 AND b = $2");
  CHECK(as_query("SELECT * FROM t WHERE a = ? AND b = :b AND c = $?") ==
        "SELECT * FROM t WHERE a = $1 AND b = $2 AND c = $3");
  CHECK(as_query("SELECT * FROM t WHERE a = $2 AND b = ?") ==
        "SELECT * FROM t WHERE a = $1 AND b = $2");
  CHECK(as_query("SELECT * FROM t WHERE a = #{id} AND b = ${x}") ==
        "SELECT * FROM t WHERE a = $1 AND b = $2");
  CHECK(as_query("INSERT INTO t (a) VALUES (?)") == "INSERT INTO t (a) VALUES ($1)");
  CHECK(as_query("SELECT a FROM t WHERE b IN (?,?)") == "SELECT a FROM t WHERE b IN ($1,$2)");
}

TEST_CASE("as_query: casts, operators, strings and comments are left alone", "[literals]") {
  CHECK(as_query("SELECT a::text, b :: int FROM t WHERE c = :c") ==
        "SELECT a::text, b :: int FROM t WHERE c = $1");
  CHECK(as_query("SELECT * FROM t WHERE d ?| array['a'] AND d ?& array['b'] AND d ? 'c'") ==
        "SELECT * FROM t WHERE d ?| array['a'] AND d ?& array['b'] AND d $1 'c'");
  CHECK(as_query("SELECT * FROM t WHERE d ?? 'k' AND e = ?") ==
        "SELECT * FROM t WHERE d ? 'k' AND e = $1");
  CHECK(as_query("SELECT '?', ':a', '%s', '@x', 'it''s ?' FROM t WHERE a = ?") ==
        "SELECT '?', ':a', '%s', '@x', 'it''s ?' FROM t WHERE a = $1");
  CHECK(as_query("SELECT \"weird?:col\", \"a\"\"?\" FROM t WHERE b = :b") ==
        "SELECT \"weird?:col\", \"a\"\"?\" FROM t WHERE b = $1");
  CHECK(as_query("SELECT E'\\'?' FROM t WHERE a = ?") == "SELECT E'\\'?' FROM t WHERE a = $1");
  CHECK(as_query("SELECT $$ ? :a $$, $fn$ ? $fn$ FROM t WHERE a = ?") ==
        "SELECT $$ ? :a $$, $fn$ ? $fn$ FROM t WHERE a = $1");
  CHECK(as_query("SELECT 1 -- why? :x\nFROM t /* @y ? */ WHERE a = ?") ==
        "SELECT 1 -- why? :x\nFROM t /* @y ? */ WHERE a = $1");
  CHECK(as_query("SELECT @@version, a @> b, a @@ q FROM t") ==
        "SELECT @@version, a @> b, a @@ q FROM t");
  CHECK(as_query("SELECT a % b, 'x%%' FROM t WHERE c LIKE 'a%' || %s") ==
        "SELECT a % b, 'x%%' FROM t WHERE c LIKE 'a%' || $1");
  CHECK(as_query("SELECT a$1 FROM t WHERE b = $1") == "SELECT a$1 FROM t WHERE b = $1");
  CHECK(as_query("SELECT x FROM t WHERE a := 1") == "SELECT x FROM t WHERE a := 1");
  CHECK(as_query("SELECT 'unterminated ? :x") == "SELECT 'unterminated ? :x");
  CHECK(as_query("SELECT * FROM t WHERE a = 'é' AND b = ?") ==
        "SELECT * FROM t WHERE a = 'é' AND b = $1");
}

TEST_CASE("literals and queries together: a query split over lines is whole", "[literals]") {
  auto java = lang::string_literals("Repo.java",
                                    "class Repo {\n"
                                    "  // don't use this\n"
                                    "  static final String Q = \"SELECT id, email \"\n"
                                    "      + \"FROM users \"\n"
                                    "      + \"WHERE id = ? AND tags ?| ?::text[]\";\n"
                                    "}\n");
  REQUIRE(java.size() == 1);
  CHECK(java[0].line == 3);
  CHECK(as_query(java[0].value) ==
        "SELECT id, email FROM users WHERE id = $1 AND tags ?| $2::text[]");

  auto python = lang::string_literals("repo.py",
                                      "def find(cur, id):\n"
                                      "    cur.execute(\n"
                                      "        \"SELECT id FROM users \"\n"
                                      "        f\"WHERE id = %(id)s AND org = {org}\",\n"
                                      "        {'id': id})\n");
  REQUIRE(python.size() == 2);  // the query, and 'id'
  CHECK(python[0].line == 3);
  CHECK(as_query(python[0].value) == "SELECT id FROM users WHERE id = $1 AND org = $2");
  CHECK_FALSE(as_query(python[1].value).has_value());

  auto ruby = lang::string_literals("user.rb",
                                    "scope :active, -> { where(<<~SQL.squish, Time.now) }\n"
                                    "  -- it's active\n"
                                    "  updated_at > :now AND #{col} = 'x'\n"
                                    "SQL\n");
  REQUIRE(ruby.size() == 1);
  CHECK(ruby[0].line == 2);
  CHECK_FALSE(as_query(ruby[0].value).has_value());
}

namespace {

// `kind:text` for each token, strings by their value.
std::vector<std::string> token_list(std::string_view path, std::string_view content) {
  std::vector<std::string> out;
  for (const lang::Token& token : lang::tokens(path, content)) {
    const char* kind = token.kind == lang::TokenKind::Comment      ? "comment"
                       : token.kind == lang::TokenKind::String     ? "string"
                       : token.kind == lang::TokenKind::Identifier ? "id"
                       : token.kind == lang::TokenKind::Number     ? "number"
                                                                   : "punct";
    out.push_back(std::string(kind) + ":" + token.value);
  }
  return out;
}

}  // namespace

TEST_CASE("a file is a token stream: comments, strings, identifiers, numbers, punctuation",
          "[literals]") {
  using Tokens = std::vector<std::string>;
  CHECK(token_list("a.go", "// legacy_email\nq := `SELECT 1` + x // tail\n") ==
        Tokens{"comment:// legacy_email", "id:q", "punct::", "punct:=", "string:SELECT 1",
               "punct:+", "id:x", "comment:// tail"});
  CHECK(
      token_list("a.py", "# users\nf(\"a\" \"b\", 2)\n") ==
      Tokens{"comment:# users", "id:f", "punct:(", "string:ab", "punct:,", "number:2", "punct:)"});
  CHECK(token_list("a.rb", "=begin\nusers\n=end\nx = \"#{y}\"\n") ==
        Tokens{"comment:=begin\nusers\n=end", "id:x", "punct:=", "string:$?", "id:y"});
  // The string tokens are the string literals, positions included.
  std::string source = "const a = 'x'; /* b */ f(`y ${z}`);\n";
  std::vector<lang::StringLiteral> literals = lang::string_literals("a.js", source);
  std::vector<lang::Token> strings;
  for (const lang::Token& token : lang::tokens("a.js", source)) {
    if (token.kind == lang::TokenKind::String) strings.push_back(token);
  }
  REQUIRE(strings.size() == literals.size());
  for (std::size_t i = 0; i < strings.size(); ++i) {
    CHECK(strings[i].offset == literals[i].offset);
    CHECK(strings[i].value == literals[i].value);
  }
}
