#include "analyzer/lang/ruby.hpp"

#include <optional>
#include <set>

#include "analyzer/lang/characters.hpp"

namespace twostep::lang::ruby {

// Keywords after which an expression is expected (so `/` starts a regex, `%w` a literal, and
// `if` a block rather than a modifier).
bool is_operand_keyword(std::string_view word) {
  static const std::set<std::string_view> keywords = {
      "and",  "or",   "not",  "if",    "unless", "while", "until",  "when",  "in",
      "case", "then", "else", "elsif", "do",     "begin", "rescue", "ensure"};
  return keywords.count(word) > 0;
}

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

class Lexer {
 public:
  Lexer(std::string_view source, std::vector<Comment>* comments)
      : source_(source), comments_(comments) {}

  // The tokens, or an error when the source cannot be followed (unterminated literal).
  std::vector<Token> run(std::string& error) {
    bool line_start = true;
    while (at_ < source_.size() && error_.empty()) {
      if (line_start) {
        line_start = false;
        if (starts_line_with("=begin")) {
          skip_embedded_document();
          line_start = true;
          continue;
        }
        if (starts_line_with("__END__")) break;
      }
      char c = source_[at_];
      if (c == '\n') {
        newline();
        line_start = true;
      } else if (is_space(c)) {
        space_ = true;
        ++at_;
      } else if (c == '\\' && peek(1) == '\n') {
        at_ += 2;
        ++line_;
        space_ = true;
        read_heredoc_bodies();
      } else if (c == '#') {
        std::size_t begin = at_;
        while (at_ < source_.size() && source_[at_] != '\n') ++at_;
        if (comments_ != nullptr) comments_->push_back(Comment{begin, at_, line_});
      } else {
        start_ = at_;
        read_token(c);
      }
    }
    if (error_.empty() && !pending_.empty())
      error_ = "unterminated heredoc `" + pending_[0].id + "` (line " +
               std::to_string(pending_[0].line) + ")";
    error = error_;
    return std::move(tokens_);
  }

 private:
  struct Heredoc {
    std::string id;
    bool indented = false;     // `<<~` / `<<-`: the terminator may be indented
    bool interpolates = true;  // not `<<~'SQL'`
    std::size_t token = 0;     // the opener's token, which takes the body as its value
    int line = 1;              // the opener's line, for errors
  };

  char peek(std::size_t ahead) const {
    return at_ + ahead < source_.size() ? source_[at_ + ahead] : '\0';
  }

  bool starts_line_with(std::string_view word) const {
    if (source_.substr(at_, word.size()) != word) return false;
    char after = at_ + word.size() < source_.size() ? source_[at_ + word.size()] : '\n';
    return after == '\n' || is_space(after);
  }

  void fail(std::string message) {
    if (error_.empty()) error_ = std::move(message) + " (line " + std::to_string(line_) + ")";
  }

  void skip_embedded_document() {
    int opened = line_;
    while (at_ < source_.size()) {
      std::size_t end = source_.find('\n', at_);
      if (end == std::string_view::npos) break;
      at_ = end + 1;
      ++line_;
      if (starts_line_with("=end")) {
        std::size_t close = source_.find('\n', at_);
        at_ = close == std::string_view::npos ? source_.size() : close;
        return;
      }
    }
    at_ = source_.size();
    error_ = "unterminated `=begin` (line " + std::to_string(opened) + ")";
  }

  Token& push(Kind kind, std::string text) {
    Token token;
    token.kind = kind;
    token.text = std::move(text);
    token.space_before = space_;
    token.line = line_;
    token.begin = std::min(start_, at_);
    token.end = at_;
    if (!tokens_.empty()) {
      const Token& last = tokens_.back();
      token.member =
          last.kind == Kind::Op && (last.text == "." || last.text == "&." || last.text == "::");
    }
    space_ = false;
    track_parameters(token);
    tokens_.push_back(std::move(token));
    return tokens_.back();
  }

  // Finds the `)` closing a `def`'s parameters, so that `def f(x) /re/ end` reads a regex.
  void track_parameters(Token& token) {
    bool op = token.kind == Kind::Op;
    if (token.kind == Kind::Ident && !token.member && token.text == "def") {
      def_state_ = DefState::Signature;
    } else if (def_state_ == DefState::Signature) {
      if (op && token.text == "(") {
        def_state_ = DefState::Parameters;
        def_depth_ = 1;
      } else if (token.kind == Kind::Newline || (op && (token.text == ";" || token.text == "="))) {
        def_state_ = DefState::None;
      }
    } else if (def_state_ == DefState::Parameters && op) {
      if (token.text == "(") ++def_depth_;
      if (token.text == ")" && --def_depth_ == 0) {
        token.ends_parameters = true;
        def_state_ = DefState::None;
      }
    }
  }

  void newline() {
    // After a trailing `.` the call goes on: `specs.\n for(x)` calls `for`.
    bool continued =
        !tokens_.empty() && tokens_.back().kind == Kind::Op &&
        (tokens_.back().text == "." || tokens_.back().text == "&." || tokens_.back().text == "::");
    bool pushed = false;
    if (!continued && (tokens_.empty() || tokens_.back().kind != Kind::Newline)) {
      start_ = at_;
      push(Kind::Newline, "\n");
      pushed = true;
    }
    ++at_;
    ++line_;
    space_ = false;
    read_heredoc_bodies();
    // A line that starts with `.` or `&.` goes on with the call before it (`}\n  .each do`).
    if (pushed && leading_dot() && !tokens_.empty() && tokens_.back().kind == Kind::Newline) {
      tokens_.pop_back();
    }
  }

  bool leading_dot() const {
    std::size_t j = at_;
    while (j < source_.size() && is_space(source_[j])) ++j;
    if (j + 1 >= source_.size()) return false;
    return (source_[j] == '.' && source_[j + 1] != '.') ||
           (source_[j] == '&' && source_[j + 1] == '.');
  }

  // A heredoc's body starts on the line after its opener and ends at its terminator line.
  void read_heredoc_bodies() {
    for (const Heredoc& heredoc : pending_) {
      int opened = heredoc.line;
      bool closed = false;
      std::size_t body = at_;
      std::size_t body_end = at_;
      bool interpolated = false;
      while (at_ < source_.size()) {
        std::size_t end = source_.find('\n', at_);
        std::size_t stop = end == std::string_view::npos ? source_.size() : end;
        std::string_view text = source_.substr(at_, stop - at_);
        while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
        if (heredoc.indented) {
          while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
        }
        std::size_t line_start = at_;
        at_ = end == std::string_view::npos ? source_.size() : end + 1;
        ++line_;
        if (text == heredoc.id) {
          closed = true;
          break;
        }
        body_end = at_;
        std::string_view raw = source_.substr(line_start, at_ - line_start);
        if (heredoc.interpolates &&
            (raw.find("#{") != std::string_view::npos || raw.find("#@") != std::string_view::npos ||
             raw.find("#$") != std::string_view::npos)) {
          interpolated = true;
        }
      }
      if (closed && heredoc.token < tokens_.size()) {
        Token& opener = tokens_[heredoc.token];
        opener.text = std::string(source_.substr(body, body_end - body));
        opener.value_begin = body;
        opener.exact = true;
        opener.literal = !interpolated;
      }
      if (!closed) {
        error_ = "unterminated heredoc `" + heredoc.id + "` (line " + std::to_string(opened) + ")";
        return;
      }
    }
    pending_.clear();
  }

  // Whether the previous token leaves the parser expecting an operand.
  bool expects_operand() const {
    if (tokens_.empty()) return true;
    const Token& last = tokens_.back();
    switch (last.kind) {
      case Kind::Newline:
      case Kind::Label:
        return true;
      case Kind::Op:
        return (last.text != ")" || last.ends_parameters) && last.text != "]" && last.text != "}";
      case Kind::Ident:
        return !last.member && is_operand_keyword(last.text);
      default:
        return false;
    }
  }

  // `execute <<~SQL`, `split /,/`: after a method name, a space, and no space after the operator,
  // Ruby reads a literal argument.
  bool ambiguous_argument(std::size_t operator_length) const {
    if (tokens_.empty() || !space_) return false;
    const Token& last = tokens_.back();
    if (last.kind != Kind::Ident || is_operand_keyword(last.text)) return false;
    char after = peek(operator_length);
    return after != '\0' && !is_space(after) && after != '\n' && after != '=';
  }

  // Reads up to the closing delimiter (nesting when `open` is given); the value decoded as far as
  // the provider needs it. Interpolations `#{…}` are skipped and make the value unknown.
  std::string read_quoted(char open, char close, bool interpolate, bool& literal) {
    std::string value;
    int depth = 1;
    while (at_ < source_.size()) {
      char c = source_[at_];
      if (c == '\\' && at_ + 1 < source_.size()) {
        char escaped = source_[at_ + 1];
        if (escaped == '\n') ++line_;
        if (interpolate || escaped == close || escaped == '\\' || (open && escaped == open)) {
          value += escaped;
        } else {
          value += c;
          value += escaped;
        }
        at_ += 2;
        continue;
      }
      if (c == '\n') ++line_;
      if (interpolate && c == '#' && peek(1) == '{') {
        at_ += 2;
        literal = false;
        skip_interpolation();
        continue;
      }
      if (interpolate && c == '#' && (peek(1) == '@' || peek(1) == '$')) literal = false;
      if (open && c == open) {
        ++depth;
      } else if (c == close && --depth == 0) {
        ++at_;
        return value;
      }
      value += c;
      ++at_;
    }
    fail("unterminated literal");
    return value;
  }

  // `#{…}` is code: it is read with the lexer itself (it may hold strings, regexes and braces),
  // and its tokens dropped. A `(` stands before it so that it starts like an expression.
  void skip_interpolation() {
    std::size_t mark = tokens_.size();
    bool space = space_;
    push(Kind::Op, "(");
    int depth = 0;
    while (error_.empty()) {
      if (at_ >= source_.size()) {
        fail("unterminated interpolation");
        break;
      }
      char c = source_[at_];
      if (c == '}' && depth == 0) {
        ++at_;
        break;
      }
      if (c == '\n') {
        ++line_;
        ++at_;
        space_ = true;
      } else if (is_space(c)) {
        space_ = true;
        ++at_;
      } else if (c == '#') {
        while (at_ < source_.size() && source_[at_] != '\n') ++at_;
      } else {
        if (c == '{') ++depth;
        if (c == '}') --depth;
        read_token(c);
      }
    }
    tokens_.resize(mark);
    space_ = space;
  }

  static char closing(char open) {
    switch (open) {
      case '(':
        return ')';
      case '[':
        return ']';
      case '{':
        return '}';
      case '<':
        return '>';
      default:
        return open;
    }
  }

  static bool is_delimiter(char c) {
    return c != '\0' && !std::isalnum(static_cast<unsigned char>(c)) && !is_space(c) && c != '\n' &&
           static_cast<unsigned char>(c) < 0x80;
  }

  // `%w[…]`, `%i(…)`, `%q{…}`, `%(…)`, `%r{…}`: true when one was read.
  bool read_percent_literal() {
    char type = peek(1);
    char open = 0;
    std::size_t skip = 0;
    if (std::string_view("qQwWiIrsx").find(type) != std::string_view::npos && type != '\0' &&
        is_delimiter(peek(2))) {
      open = peek(2);
      skip = 3;
    } else if (is_delimiter(type) && type != '=') {
      open = type;
      type = 'Q';
      skip = 2;
    } else {
      return false;
    }
    bool operand = expects_operand();
    bool argument = ambiguous_argument(1);
    if (!operand && !argument) return false;
    at_ += skip;
    char close = closing(open);
    bool literal = true;
    bool interpolate = std::string_view("QWIrx").find(type) != std::string_view::npos;
    int line = line_;
    std::size_t value_begin = at_;
    std::string value = read_quoted(close == open ? 0 : open, close, interpolate, literal);
    if (type == 'w' || type == 'W' || type == 'i' || type == 'I') {
      Token& token = push(Kind::Words, "");
      token.line = line;
      std::size_t i = 0;
      while (i < value.size()) {
        while (i < value.size() && std::isspace(static_cast<unsigned char>(value[i]))) ++i;
        std::size_t start = i;
        while (i < value.size() && !std::isspace(static_cast<unsigned char>(value[i]))) ++i;
        if (i > start) token.words.push_back(value.substr(start, i - start));
      }
      token.literal = literal;
      return true;
    }
    if (type == 'r') {
      while (std::isalpha(static_cast<unsigned char>(peek(0)))) ++at_;
      literal = false;
    }
    if (type == 'x') literal = false;
    Token& token = push(type == 's' ? Kind::Symbol : Kind::String, value);
    token.literal = literal;
    token.line = line;
    mark_exact(token, value_begin);
    return true;
  }

  void read_regex() {
    ++at_;
    int line = line_;
    bool closed = false;
    while (at_ < source_.size() && !closed && error_.empty()) {
      char c = source_[at_];
      if (c == '\\') {
        if (peek(1) == '\n') ++line_;
        at_ += 2;
        continue;
      }
      if (c == '\n') ++line_;
      if (c == '#' && peek(1) == '{') {
        at_ += 2;
        skip_interpolation();
        continue;
      }
      ++at_;
      closed = c == '/';  // like Ruby's lexer, even inside `[…]`
    }
    if (!closed) fail("unterminated regular expression");
    at_ = std::min(at_, source_.size());
    while (std::isalpha(static_cast<unsigned char>(peek(0)))) ++at_;
    Token& token = push(Kind::String, "");
    token.literal = false;
    token.line = line;
  }

  // `<<~SQL`, `<<-SQL`, `<<SQL`, `<<~'SQL'`: true when a heredoc opener was read.
  bool read_heredoc_opener() {
    std::size_t p = 2;
    bool indented = peek(p) == '~' || peek(p) == '-';
    if (indented) ++p;
    char first = peek(p);
    bool quoted = first == '\'' || first == '"' || first == '`';
    if (!quoted && !is_identifier_start(first)) return false;
    bool upper = std::isupper(static_cast<unsigned char>(first)) || first == '_';
    // `class << self` and `list << item` are not heredocs: an operand must be expected, and an
    // unquoted, unindented identifier must look like one (`<<SQL`).
    if (!expects_operand() && !ambiguous_argument(2)) return false;
    if (!quoted && !indented && !upper) return false;
    at_ += p;
    std::string id;
    if (quoted) {
      char quote = source_[at_++];
      quote_char_ = quote;
      while (at_ < source_.size() && source_[at_] != quote && source_[at_] != '\n') {
        id += source_[at_++];
      }
      if (peek(0) != quote) {
        fail("unterminated heredoc identifier");
        return true;
      }
      ++at_;
    } else {
      while (at_ < source_.size() && is_identifier_char(source_[at_])) id += source_[at_++];
    }
    pending_.push_back(
        Heredoc{id, indented, !quoted || quote_char_ != '\'', tokens_.size(), line_});
    Token& token = push(Kind::String, "");
    token.literal = false;
    return true;
  }

  // An operator method name at `at_ + offset - 1` (`<=>`, `[]=`, `/`, `-@`, `` ` ``), longest
  // first.
  std::optional<std::string_view> operator_method(std::size_t offset) const {
    static constexpr std::string_view names[] = {
        "[]=", "===", "<=>", "[]", "==", "=~", "!=", "!~", "<=", ">=", "<<", ">>", "**", "+@", "-@",
        "~@",  "!@",  "+",   "-",  "*",  "/",  "%",  "<",  ">",  "!",  "&",  "|",  "^",  "~",  "`"};
    std::string_view rest = source_.substr(std::min(source_.size(), at_ + offset - 1));
    for (std::string_view name : names) {
      if (rest.substr(0, name.size()) == name) return name;
    }
    return std::nullopt;
  }

  void read_identifier() {
    std::size_t start = at_;
    while (at_ < source_.size() && is_identifier_char(source_[at_])) ++at_;
    if ((peek(0) == '?' || peek(0) == '!') && peek(1) != '=') ++at_;
    std::string text(source_.substr(start, at_ - start));
    if (peek(0) == ':' && peek(1) != ':') {
      ++at_;
      push(Kind::Label, std::move(text));
      return;
    }
    bool constant = std::isupper(static_cast<unsigned char>(text[0]));
    push(constant ? Kind::Const : Kind::Ident, std::move(text));
  }

  void read_token(char c) {
    if (!tokens_.empty() && tokens_.back().kind == Kind::Ident && !tokens_.back().member &&
        tokens_.back().text == "def") {
      if (std::optional<std::string_view> op = operator_method(1)) {  // `def /(other)`
        at_ += op->size();
        push(Kind::Op, std::string(*op));
        return;
      }
    }
    if (c == '"' || c == '`' || c == '\'') {
      ++at_;
      int line = line_;
      bool literal = true;
      std::size_t value_begin = at_;
      std::string value = read_quoted(0, c, c != '\'', literal);
      Token& token = push(Kind::String, std::move(value));
      token.literal = literal && c != '`';
      token.line = line;
      mark_exact(token, value_begin);
      return;
    }
    if (c == ':') {
      char next = peek(1);
      if (next == ':') {
        at_ += 2;
        push(Kind::Op, "::");
      } else if (next == '"' || next == '\'') {
        at_ += 2;
        bool literal = true;
        std::string value = read_quoted(0, next, next == '"', literal);
        push(Kind::Symbol, std::move(value)).literal = literal;
      } else if (is_identifier_start(next) || next == '@' || next == '$') {
        ++at_;
        std::size_t start = at_;
        bool global = peek(0) == '$';
        while (peek(0) == '@' || peek(0) == '$') ++at_;
        if (global && !is_identifier_char(peek(0)) && peek(0) != '\0' && peek(0) != '\n') {
          ++at_;  // `:$/`, `:$;`
        }
        while (at_ < source_.size() && is_identifier_char(source_[at_])) ++at_;
        if (peek(0) == '?' || peek(0) == '!' || (peek(0) == '=' && peek(1) != '>')) ++at_;
        push(Kind::Symbol, std::string(source_.substr(start, at_ - start)));
      } else if (std::optional<std::string_view> op = operator_method(2);
                 op && (tokens_.empty() || space_ || expects_operand())) {
        at_ += 1 + op->size();  // `:<<`, `:/`, `:[]=`
        push(Kind::Symbol, std::string(*op));
      } else {
        ++at_;
        push(Kind::Op, ":");
      }
      return;
    }
    if (is_identifier_start(c)) {
      read_identifier();
      return;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t start = at_;
      while (at_ < source_.size() &&
             (is_identifier_char(source_[at_]) ||
              (source_[at_] == '.' && std::isdigit(static_cast<unsigned char>(peek(1)))))) {
        ++at_;
      }
      push(Kind::Number, std::string(source_.substr(start, at_ - start)));
      return;
    }
    if (c == '@' || c == '$') {
      std::size_t start = at_++;
      if (c == '@' && peek(0) == '@') ++at_;
      if (is_identifier_char(peek(0))) {
        while (at_ < source_.size() && is_identifier_char(source_[at_])) ++at_;
      } else if (c == '$' && peek(0) != '\0' && peek(0) != '\n' && !is_space(peek(0))) {
        ++at_;  // `$!`, `$"`, `$~`
      } else if (at_ - start == 1) {
        push(Kind::Op, std::string(1, c));
        return;
      }
      push(Kind::Var, std::string(source_.substr(start, at_ - start)));
      return;
    }
    if (c == '%' && read_percent_literal()) return;
    if (c == '/' && (expects_operand() || ambiguous_argument(1))) {
      read_regex();
      return;
    }
    if (c == '<' && peek(1) == '<' && read_heredoc_opener()) return;
    if (c == '?' && expects_operand() && peek(1) != '\0' && !is_space(peek(1)) && peek(1) != '\n') {
      // A character literal: `?a`, `?\n`.
      std::size_t length = peek(1) == '\\' ? 3 : 2;
      if (length == 3 || !is_identifier_char(peek(2))) {
        at_ += length;
        push(Kind::String, "").literal = false;
        return;
      }
    }
    static constexpr std::string_view operators[] = {
        "**=", "<=>", "===", "...", "<<=", ">>=", "&&=", "||=", "==", "!=", ">=",
        "<=",  "&&",  "||",  "<<",  ">>",  "**",  "+=",  "-=",  "*=", "/=", "%=",
        "|=",  "&=",  "^=",  "=~",  "!~",  "..",  "::",  "->",  "=>", "&."};
    for (std::string_view op : operators) {
      if (source_.substr(at_, op.size()) == op) {
        at_ += op.size();
        push(Kind::Op, std::string(op));
        return;
      }
    }
    ++at_;
    push(Kind::Op, std::string(1, c));
  }

  // A quoted literal's value is its bytes as written when nothing in it was decoded: the source
  // between the delimiters is the value.
  void mark_exact(Token& token, std::size_t value_begin) const {
    token.value_begin = value_begin;
    std::size_t close = at_ == 0 ? 0 : at_ - 1;
    token.exact = close >= value_begin &&
                  source_.substr(value_begin, close - value_begin) == std::string_view(token.text);
  }

  enum class DefState { None, Signature, Parameters };

  std::string_view source_;
  std::size_t at_ = 0;
  int line_ = 1;
  bool space_ = false;
  DefState def_state_ = DefState::None;
  int def_depth_ = 0;
  std::vector<Token> tokens_;
  std::vector<Heredoc> pending_;
  std::string error_;
  std::vector<Comment>* comments_ = nullptr;
  std::size_t start_ = 0;  // where the token being read starts
  char quote_char_ = 0;    // the quote of the last quoted heredoc identifier
};

}  // namespace

std::vector<Token> lex(std::string_view source, std::string& error,
                       std::vector<Comment>* comments) {
  return Lexer(source, comments).run(error);
}

}  // namespace twostep::lang::ruby
