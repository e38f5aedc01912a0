#include "analyzer/lang/language.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "analyzer/lang/characters.hpp"

namespace twostep::lang {

Language language_of(std::string_view path) {
  struct Family {
    Lang lang;
    std::string_view extensions;  // space-separated
  };
  static constexpr std::array<Family, 26> families = {{
      {Lang::Go, "go"},
      {Lang::Java, "java jsp"},
      {Lang::Kotlin, "kt kts"},
      {Lang::Scala, "scala sc"},
      {Lang::Groovy, "groovy gradle"},
      {Lang::CSharp, "cs csx fs fsx cshtml razor"},
      {Lang::JavaScript, "js jsx ts tsx mjs cjs mts cts vue svelte ejs"},
      {Lang::Rust, "rs"},
      {Lang::C, "c h cc cpp cxx hpp hh hxx m mm zig"},
      {Lang::Swift, "swift"},
      {Lang::Dart, "dart"},
      {Lang::Php, "php phtml"},
      {Lang::Python, "py pyi pyw"},
      {Lang::Ruby, "rb rake gemspec ru cr erb"},
      {Lang::Elixir, "ex exs"},
      {Lang::Shell, "sh bash zsh ksh bats"},
      {Lang::Perl, "pl pm"},
      {Lang::Lua, "lua"},
      {Lang::Erlang, "erl hrl"},
      {Lang::Clojure, "clj cljs cljc"},
      {Lang::Haskell, "hs elm"},
      {Lang::OCaml, "ml mli"},
      {Lang::Julia, "jl"},
      {Lang::Nim, "nim"},
      {Lang::R, "r"},
      {Lang::VisualBasic, "vb vbs bas"},
  }};
  // Templates: HTML around code tags.
  static constexpr std::array<std::string_view, 5> templates = {"jsp", "ejs", "php", "phtml",
                                                                "erb"};
  std::size_t slash = path.find_last_of("/\\");
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (name == "Rakefile" || name == "Gemfile" || name == "Guardfile") return {Lang::Ruby, false};
  std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return {};
  std::string extension(name.substr(dot + 1));
  for (char& c : extension) c = lower(c);
  if (extension.empty() || extension.find(' ') != std::string::npos) return {};
  bool template_file = std::find(templates.begin(), templates.end(), extension) != templates.end();
  for (const Family& family : families) {
    for (std::size_t begin = 0; begin < family.extensions.size();) {
      std::size_t end = std::min(family.extensions.find(' ', begin), family.extensions.size());
      if (family.extensions.substr(begin, end - begin) == extension) {
        return {family.lang, template_file};
      }
      begin = end + 1;
    }
  }
  return {};
}

}  // namespace twostep::lang
