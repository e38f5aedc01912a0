#pragma once
// ActiveSupport's English inflector, as far as table and column names need it: the ActiveRecord
// provider (table of a model) and the migration DSL (`t.references :author` → `authors`) compute
// names as Rails does.
#include <string>

namespace twostep::rails {

// `person` → `people`, `category` → `categories`, `status` → `statuses`.
std::string pluralize(const std::string& word);
std::string singularize(const std::string& word);
// `UserProfile` → `user_profile`.
std::string underscore(const std::string& camel_case);

}  // namespace twostep::rails
