#pragma once
// Which source language a file is written in, from its name: the families whose quoting and comment
// rules the scanner knows (docs/references.md lists them).
#include <string_view>

namespace twostep::lang {

enum class Lang {
  Generic,
  C,
  Go,
  Java,
  Kotlin,
  Scala,
  Groovy,
  CSharp,
  JavaScript,
  Rust,
  Swift,
  Dart,
  Php,
  Python,
  Ruby,
  Elixir,
  Shell,
  Perl,
  Lua,
  Erlang,
  Clojure,
  Haskell,
  OCaml,
  Julia,
  Nim,
  R,
  VisualBasic
};

struct Language {
  Lang lang = Lang::Generic;
  bool template_file = false;  // code only inside `<% %>` (or `<? ?>`) tags
};

// The file's language from its extension (`.go`, `.rb`, `Gemfile`); Generic when unknown.
Language language_of(std::string_view path);

}  // namespace twostep::lang
