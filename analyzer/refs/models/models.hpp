#pragma once
// ORM declarations in the deployed app's source: models that read and
// write columns without naming them in a query.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "twostep/change.hpp"

namespace twostep::refs {

struct SourceFile {
  std::string path;  // repository-relative, `/`-separated
  std::string content;
};

// One model: its table, and the columns it reads and writes.
struct ModelReference {
  std::string file;
  int line = 1;         // the model's declaration
  std::string text;     // that line, trimmed
  QualifiedName table;  // schema empty: the default (`public`)
  // Prisma and Diesel list the columns; ActiveRecord uses every column of the table.
  std::vector<std::string> columns;
  // Where each column is declared (`bio String?`), where the provider knows it: the evidence.
  struct Declaration {
    int line = 1;
    std::string text;  // that line, trimmed
    std::string file;  // where it is declared, when not the model's file (an inherited field)
  };
  std::vector<Declaration> declarations;  // parallel to `columns`, or empty
  bool all_columns = false;
  std::vector<std::string> ignored_columns;  // `self.ignored_columns` (ActiveRecord)
};

// A file a provider could not read: its references fall back to the textual provider.
struct ProviderFailure {
  std::string file;
  std::string provider;  // "rails", "prisma", "diesel"
  std::string reason;
};

// A value of an enum the app's models declare (Prisma `enum Role { ADMIN @map("admin") }`): the
// client reads and writes it, as a string literal in a query would.
struct EnumValueReference {
  std::string file;
  int line = 1;
  std::string text;   // that line, trimmed
  std::string value;  // as stored: the @map, else the name
};

struct ModelScan {
  std::vector<ModelReference> models;
  std::vector<EnumValueReference> enum_values;
  std::vector<ProviderFailure> failures;
};

// ActiveRecord models among `files` (every `.rb` file given; the provider picks the classes that
// descend, directly or through other classes of these files, from ActiveRecord::Base or
// ApplicationRecord). Tables the Rails way: `Admin::UserProfile` → `admin_user_profiles`
// (underscore + plural; a namespace module with `self.table_name_prefix` prefixes it),
// `self.table_name = "…"` wins, STI subclasses use their base class's table, abstract classes
// (`self.abstract_class = true`) have none. `self.ignored_columns = [...]` / `+= [...]` with
// strings, symbols, `%w[]` or `%i[]`.
ModelScan read_rails_models(const std::vector<SourceFile>& files);

// `schema.prisma` files: each `model` (`@@map("table")`, `@@schema("s")`) references every scalar
// field's column (`@map("col")`), except `@ignore` fields and `@@ignore` models. Relation fields
// (whose type is another model, or that carry `@relation`) are not columns.
// `other_models`: the models of the other files of a multi-file schema (`prismaSchemaFolder`: every
// .prisma file of one folder), so that a relation to one of them is no column.
ModelScan read_prisma_schema(const SourceFile& file,
                             const std::set<std::string>& other_models = {});
// The models and views a .prisma file declares (none when it cannot be read).
std::set<std::string> prisma_models(const SourceFile& file);

// Diesel `table!` / `diesel::table!` blocks: every declared column of the table, with
// `#[sql_name = "…"]` mapping for tables and columns and `schema.table` for a schema.
ModelScan read_diesel_schema(const SourceFile& file);

// JPA `@Entity` classes of a Java or Kotlin file (Hibernate, Spring Data JPA): each references its
// table (`@Table(name)`, else the class name the Spring Boot way, `OrderItem` → `order_item`, and
// as Hibernate alone spells it, `orderitem`) and the columns of its persistent fields
// (`@Column(name)`, `@JoinColumn(name)`, else `legacyEmail` → `legacy_email` and `legacyemail`;
// a to-one association → `field_id`), not `@Transient`, static or collection-valued ones.
// An entity inherits the fields of `@MappedSuperclass` classes it extends, in any of `files`.
ModelScan read_jpa_entities(const std::vector<SourceFile>& files);

}  // namespace twostep::refs
