// ActiveSupport's English inflector, as far as ActiveRecord's table names need it. The rules are
// ActiveSupport's own regular expressions, transcribed verbatim and run by a tiny matcher, so that
// a table name comes out exactly as Rails computes it (`user_mouse` → `user_mouses`, like Rails,
// because `^(m|l)ouse$` is anchored at the start of the whole name).
#include <cctype>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/rails/inflector.hpp"

namespace twostep::rails {
namespace {

// The subset of Ruby regular expressions the inflection rules use: literals, `[set]`, `[^set]`,
// capturing `(a|b)` and non-capturing `(?:a|b)` groups, `?` after a group, `^` and `$`. Matching is
// case-insensitive (every rule has `/i`).
struct Node {
  enum class Kind { Literal, Set, Group, Start, End };
  Kind kind = Kind::Literal;
  char literal = 0;
  std::string set;
  bool negated = false;
  std::vector<std::vector<Node>> alternatives;
  int capture = -1;  // -1: not capturing
  bool optional = false;
};

using Sequence = std::vector<Node>;

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

class PatternParser {
 public:
  explicit PatternParser(std::string_view pattern) : pattern_(pattern) {}

  Sequence parse() {
    std::vector<Sequence> alternatives = parse_alternatives();
    return alternatives.front();  // no rule has a top-level `|`
  }
  int captures() const { return captures_; }

 private:
  std::vector<Sequence> parse_alternatives() {
    std::vector<Sequence> alternatives(1);
    while (at_ < pattern_.size() && pattern_[at_] != ')') {
      char c = pattern_[at_++];
      if (c == '|') {
        alternatives.emplace_back();
        continue;
      }
      Node node;
      if (c == '(') {
        node.kind = Node::Kind::Group;
        if (pattern_.substr(at_, 2) == "?:") {
          at_ += 2;
        } else {
          node.capture = ++captures_;
        }
        node.alternatives = parse_alternatives();
        ++at_;  // `)`
        if (at_ < pattern_.size() && pattern_[at_] == '?') {
          node.optional = true;
          ++at_;
        }
      } else if (c == '[') {
        node.kind = Node::Kind::Set;
        if (pattern_[at_] == '^') {
          node.negated = true;
          ++at_;
        }
        while (pattern_[at_] != ']') node.set += lower(pattern_[at_++]);
        ++at_;
      } else if (c == '^') {
        node.kind = Node::Kind::Start;
      } else if (c == '$') {
        node.kind = Node::Kind::End;
      } else {
        node.literal = lower(c);
      }
      alternatives.back().push_back(std::move(node));
    }
    return alternatives;
  }

  std::string_view pattern_;
  std::size_t at_ = 0;
  int captures_ = 0;
};

using Captures = std::vector<std::optional<std::pair<std::size_t, std::size_t>>>;
using Continuation = std::function<bool(std::size_t)>;

bool match_from(const Sequence& sequence, std::size_t index, std::string_view text,
                std::size_t position, Captures& captures, const Continuation& next) {
  if (index == sequence.size()) return next(position);
  const Node& node = sequence[index];
  auto rest = [&](std::size_t end) {
    return match_from(sequence, index + 1, text, end, captures, next);
  };
  switch (node.kind) {
    case Node::Kind::Start:
      return position == 0 && rest(position);
    case Node::Kind::End:
      return position == text.size() && rest(position);
    case Node::Kind::Literal:
      return position < text.size() && lower(text[position]) == node.literal && rest(position + 1);
    case Node::Kind::Set: {
      if (position >= text.size()) return false;
      bool in_set = node.set.find(lower(text[position])) != std::string::npos;
      return in_set != node.negated && rest(position + 1);
    }
    case Node::Kind::Group:
      for (const Sequence& alternative : node.alternatives) {
        bool matched = match_from(alternative, 0, text, position, captures, [&](std::size_t end) {
          if (node.capture < 0) return rest(end);
          auto saved = captures[static_cast<std::size_t>(node.capture)];
          captures[static_cast<std::size_t>(node.capture)] = std::pair{position, end};
          if (rest(end)) return true;
          captures[static_cast<std::size_t>(node.capture)] = saved;
          return false;
        });
        if (matched) return true;
      }
      return node.optional && rest(position);
  }
  return false;
}

struct Rule {
  Sequence pattern;
  int captures = 0;
  std::string replacement;  // `\1`, `\2` refer to captures

  Rule(std::string_view regex, std::string replacement_text)
      : replacement(std::move(replacement_text)) {
    PatternParser parser(regex);
    pattern = parser.parse();
    captures = parser.captures();
  }

  // Ruby's `sub!`: the leftmost match is replaced; nothing when there is none.
  std::optional<std::string> apply(std::string_view word) const {
    for (std::size_t start = 0; start <= word.size(); ++start) {
      Captures found(static_cast<std::size_t>(captures) + 1);
      std::size_t end = 0;
      bool matched = match_from(pattern, 0, word, start, found, [&](std::size_t at) {
        end = at;
        return true;
      });
      if (!matched) continue;
      std::string out(word.substr(0, start));
      for (std::size_t i = 0; i < replacement.size(); ++i) {
        if (replacement[i] == '\\' && i + 1 < replacement.size()) {
          auto group = static_cast<std::size_t>(replacement[++i] - '0');
          if (group < found.size() && found[group]) {
            out += word.substr(found[group]->first, found[group]->second - found[group]->first);
          }
        } else {
          out += replacement[i];
        }
      }
      out += word.substr(end);
      return out;
    }
    return std::nullopt;
  }
};

struct Inflections {
  std::vector<Rule> plurals;    // in definition order; the last defined wins
  std::vector<Rule> singulars;  // likewise
  std::vector<std::string> uncountables;
};

// ActiveSupport's `inflections.rb` (en), in its order.
const Inflections& inflections() {
  static const Inflections rules = [] {
    Inflections out;
    auto plural = [&](std::string_view regex, std::string replacement) {
      out.plurals.emplace_back(regex, std::move(replacement));
    };
    auto singular = [&](std::string_view regex, std::string replacement) {
      out.singulars.emplace_back(regex, std::move(replacement));
    };
    plural("$", "s");
    plural("s$", "s");
    plural("^(ax|test)is$", "\\1es");
    plural("(octop|vir)us$", "\\1i");
    plural("(octop|vir)i$", "\\1i");
    plural("(alias|status)$", "\\1es");
    plural("(bu)s$", "\\1ses");
    plural("(buffal|tomat)o$", "\\1oes");
    plural("([ti])um$", "\\1a");
    plural("([ti])a$", "\\1a");
    plural("sis$", "ses");
    plural("(?:([^f])fe|([lr])f)$", "\\1\\2ves");
    plural("(hive)$", "\\1s");
    plural("([^aeiouy]|qu)y$", "\\1ies");
    plural("(x|ch|ss|sh)$", "\\1es");
    plural("(matr|vert|ind)(?:ix|ex)$", "\\1ices");
    plural("^(m|l)ouse$", "\\1ice");
    plural("^(m|l)ice$", "\\1ice");
    plural("^(ox)$", "\\1en");
    plural("^(oxen)$", "\\1");
    plural("(quiz)$", "\\1zes");

    singular("s$", "");
    singular("(ss)$", "\\1");
    singular("(n)ews$", "\\1ews");
    singular("([ti])a$", "\\1um");
    singular("((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)(sis|ses)$", "\\1sis");
    singular("(^analy)(sis|ses)$", "\\1sis");
    singular("([^f])ves$", "\\1fe");
    singular("(hive)s$", "\\1");
    singular("(tive)s$", "\\1");
    singular("([lr])ves$", "\\1f");
    singular("([^aeiouy]|qu)ies$", "\\1y");
    singular("(s)eries$", "\\1eries");
    singular("(m)ovies$", "\\1ovie");
    singular("(x|ch|ss|sh)es$", "\\1");
    singular("^(m|l)ice$", "\\1ouse");
    singular("(bus)(es)?$", "\\1");
    singular("(o)es$", "\\1");
    singular("(shoe)s$", "\\1");
    singular("(cris|test)(is|es)$", "\\1is");
    singular("^(a)x[ie]s$", "\\1xis");
    singular("(octop|vir)(us|i)$", "\\1us");
    singular("(alias|status)(es)?$", "\\1");
    singular("^(ox)en", "\\1");
    singular("(vert|ind)ices$", "\\1ex");
    singular("(matr)ices$", "\\1ix");
    singular("(quiz)zes$", "\\1");
    singular("(database)s$", "\\1");

    // `irregular(singular, plural)`, for pairs that share their first letter (all of these).
    // (Built with `append`: GCC 12 warns falsely on `"(" + std::string` at -O3.)
    auto word_rule = [](const std::string& word) {  // `(p)erson$`
      std::string out(1, '(');
      out.append(word, 0, 1).append(")").append(word, 1).append("$");
      return out;
    };
    auto keep_first = [](const std::string& word) {  // `\1eople`
      return std::string("\\1").append(word, 1);
    };
    auto irregular = [&](const std::string& one, const std::string& many) {
      plural(word_rule(one), keep_first(many));
      plural(word_rule(many), keep_first(many));
      singular(word_rule(one), keep_first(one));
      singular(word_rule(many), keep_first(one));
    };
    irregular("person", "people");
    irregular("man", "men");
    irregular("child", "children");
    irregular("sex", "sexes");
    irregular("move", "moves");
    irregular("zombie", "zombies");

    out.uncountables = {"equipment", "information", "rice",  "money", "species",
                        "series",    "fish",        "sheep", "jeans", "police"};
    return out;
  }();
  return rules;
}

bool is_word_byte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// `/\b#{word}\Z/i`: the word ends the text and starts at a word boundary, so `fish` is
// uncountable but `user_fish` (`_` is a word character) is not.
bool uncountable(std::string_view word) {
  for (const std::string& entry : inflections().uncountables) {
    if (word.size() < entry.size()) continue;
    std::size_t start = word.size() - entry.size();
    bool same = true;
    for (std::size_t i = 0; i < entry.size() && same; ++i)
      same = lower(word[start + i]) == entry[i];
    if (same && (start == 0 || !is_word_byte(word[start - 1]))) return true;
  }
  return false;
}

std::string apply_inflections(const std::string& word, const std::vector<Rule>& rules) {
  if (word.empty() || uncountable(word)) return word;
  for (auto rule = rules.rbegin(); rule != rules.rend(); ++rule) {
    if (std::optional<std::string> out = rule->apply(word)) return *out;
  }
  return word;
}

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::string pluralize(const std::string& word) {
  return apply_inflections(word, inflections().plurals);
}

// Not in models.hpp: only the Rails provider needs it (a model nested in another model's class
// takes the outer table's singular as a prefix).
std::string singularize(const std::string& word) {
  return apply_inflections(word, inflections().singulars);
}

std::string underscore(const std::string& camel_case) {
  std::string word;
  for (std::size_t i = 0; i < camel_case.size(); ++i) {
    if (camel_case.compare(i, 2, "::") == 0) {
      word += '/';
      ++i;
    } else {
      word += camel_case[i];
    }
  }
  // `(?<=[A-Z])(?=[A-Z][a-z])|(?<=[a-z\d])(?=[A-Z])`: `HTMLParser` → `HTML_Parser`,
  // `UserProfile` → `User_Profile`.
  std::string out;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (i > 0 && is_upper(c)) {
      char before = word[i - 1];
      bool acronym_end = is_upper(before) && i + 1 < word.size() && is_lower(word[i + 1]);
      if (acronym_end || is_lower(before) || is_digit(before)) out += '_';
    }
    out += c == '-' ? '_' : lower(c);
  }
  return out;
}

}  // namespace twostep::rails
