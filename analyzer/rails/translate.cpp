// A Rails migration (or db/schema.rb) as the SQL Rails' PostgreSQL adapter sends.
#include "analyzer/rails/translate.hpp"

#include "analyzer/rails/translator.hpp"

namespace twostep::rails {

Translation translate_migration(std::string_view source) {
  RubySource ruby;
  MigrationClass migration = read_migration_class(source, ruby);
  Translator translator(source, ruby, false, migration.rails_version);
  if (!ruby.error.empty()) {
    translator.out.error = ruby.error;
    return std::move(translator.out);
  }
  for (const Node& node : migration.class_body) {
    if (node.call && node.name == "disable_ddl_transaction!")
      translator.out.ddl_transaction = false;
  }
  translator.set_methods(migration.methods);
  // Rails runs `change` when the class has one, else `up`.
  const Method* run = nullptr;
  for (const char* name : {"change", "up"}) {
    for (const Method& method : migration.methods) {
      if (run == nullptr && method.name == name) run = &method;
    }
  }
  if (run != nullptr) translator.run(run->body);
  // `# twostep:ignore-file …` counts wherever it stands, after the last statement too.
  translator.flush_remaining_comments();
  return std::move(translator.out);
}

Translation translate_schema(std::string_view source) {
  RubySource ruby;
  std::string version;
  std::vector<Node> body = read_schema_definition(source, version, ruby);
  Translator translator(source, ruby, true);
  translator.out.schema_version = version;
  if (!ruby.error.empty()) {
    translator.out.error = ruby.error;
    return std::move(translator.out);
  }
  translator.run(body);
  translator.flush_remaining_comments();
  return std::move(translator.out);
}

std::string structure_version(std::string_view sql) {
  std::size_t at = sql.find("schema_migrations");
  std::string best;
  while (at != std::string_view::npos) {
    std::size_t end = sql.find(';', at);
    std::string_view statement =
        sql.substr(at, end == std::string_view::npos ? sql.npos : end - at);
    if (statement.find("INSERT") != std::string_view::npos ||
        statement.find("VALUES") != std::string_view::npos) {
      for (std::size_t quote = statement.find('\''); quote != std::string_view::npos;
           quote = statement.find('\'', quote + 1)) {
        std::size_t close = statement.find('\'', quote + 1);
        if (close == std::string_view::npos) break;
        std::string_view value = statement.substr(quote + 1, close - quote - 1);
        bool digits =
            !value.empty() && value.find_first_not_of("0123456789") == std::string_view::npos;
        if (digits &&
            (value.size() > best.size() || (value.size() == best.size() && value > best))) {
          best = std::string(value);
        }
        quote = close;
      }
    }
    at = end == std::string_view::npos ? end : sql.find("schema_migrations", end);
  }
  return best;
}

}  // namespace twostep::rails
