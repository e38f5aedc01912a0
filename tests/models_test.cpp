#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "analyzer/rails/inflector.hpp"
#include "analyzer/refs/models/models.hpp"

using namespace twostep;
using namespace twostep::refs;
using twostep::rails::pluralize;
using twostep::rails::singularize;
using twostep::rails::underscore;

namespace {

// The model of `table` (with `schema`), failing the test when there is not exactly one.
const ModelReference& model_of(const ModelScan& scan, const std::string& table,
                               const std::string& schema = "") {
  std::vector<const ModelReference*> found;
  for (const ModelReference& model : scan.models) {
    if (model.table.name == table && model.table.schema == schema) found.push_back(&model);
  }
  INFO("table " << schema << "." << table);
  REQUIRE(found.size() == 1);
  return *found[0];
}

std::vector<std::string> tables(const ModelScan& scan) {
  std::vector<std::string> out;
  for (const ModelReference& model : scan.models) {
    out.push_back(model.table.schema.empty() ? model.table.name
                                             : model.table.schema + "." + model.table.name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

using Strings = std::vector<std::string>;

const std::string application_record =
    "class ApplicationRecord < ActiveRecord::Base\n"
    "  primary_abstract_class\n"
    "end\n";

}  // namespace

// ---------------------------------------------------------------------------------------------
// Inflector

TEST_CASE("pluralize follows ActiveSupport: irregulars, uncountables and rules", "[models]") {
  CHECK(pluralize("user") == "users");
  CHECK(pluralize("person") == "people");
  CHECK(pluralize("man") == "men");
  CHECK(pluralize("woman") == "women");
  CHECK(pluralize("salesperson") == "salespeople");
  CHECK(pluralize("child") == "children");
  CHECK(pluralize("sex") == "sexes");
  CHECK(pluralize("move") == "moves");
  CHECK(pluralize("zombie") == "zombies");
  CHECK(pluralize("ox") == "oxen");
  CHECK(pluralize("people") == "people");
  for (const char* word : {"equipment", "information", "rice", "money", "species", "series", "fish",
                           "sheep", "jeans", "police"}) {
    CHECK(pluralize(word) == word);
  }
  CHECK(pluralize("status") == "statuses");
  CHECK(pluralize("address") == "addresses");
  CHECK(pluralize("box") == "boxes");
  CHECK(pluralize("church") == "churches");
  CHECK(pluralize("wish") == "wishes");
  CHECK(pluralize("category") == "categories");
  CHECK(pluralize("key") == "keys");
  CHECK(pluralize("query") == "queries");
  CHECK(pluralize("quiz") == "quizzes");
  CHECK(pluralize("matrix") == "matrices");
  CHECK(pluralize("index") == "indices");
  CHECK(pluralize("vertex") == "vertices");
  CHECK(pluralize("mouse") == "mice");
  CHECK(pluralize("louse") == "lice");
  CHECK(pluralize("wife") == "wives");
  CHECK(pluralize("half") == "halves");
  CHECK(pluralize("wolf") == "wolves");
  CHECK(pluralize("hive") == "hives");
  CHECK(pluralize("analysis") == "analyses");
  CHECK(pluralize("axis") == "axes");
  CHECK(pluralize("datum") == "data");
  CHECK(pluralize("medium") == "media");
  CHECK(pluralize("octopus") == "octopi");
  CHECK(pluralize("virus") == "viri");
  CHECK(pluralize("alias") == "aliases");
  CHECK(pluralize("bus") == "buses");
  CHECK(pluralize("tomato") == "tomatoes");
  CHECK(pluralize("buffalo") == "buffaloes");
  CHECK(pluralize("photo") == "photos");
  CHECK(pluralize("news") == "news");
  CHECK(pluralize("users") == "users");
  CHECK(pluralize("") == "");
}

TEST_CASE("pluralize applies to the end of a compound name, the way Rails does", "[models]") {
  CHECK(pluralize("user_category") == "user_categories");
  CHECK(pluralize("order_status") == "order_statuses");
  CHECK(pluralize("sales_person") == "sales_people");
  CHECK(pluralize("line_item") == "line_items");
  CHECK(pluralize("admin_user_profile") == "admin_user_profiles");
  // Rails anchors uncountables at a word boundary and `^(m|l)ouse$` at the start: `_` is a word
  // character, so these are regular plurals in ActiveSupport, and so in the app's table names.
  CHECK(pluralize("user_fish") == "user_fishes");
  CHECK(pluralize("user_mouse") == "user_mouses");
  CHECK(pluralize("office equipment") == "office equipment");
  // The replacement keeps the case of what it captured.
  CHECK(pluralize("Person") == "People");
  CHECK(pluralize("Category") == "Categories");
}

TEST_CASE("underscore turns class names into file and table words", "[models]") {
  CHECK(underscore("User") == "user");
  CHECK(underscore("UserProfile") == "user_profile");
  CHECK(underscore("HTMLParser") == "html_parser");
  CHECK(underscore("APIKey") == "api_key");
  CHECK(underscore("OAuth2Token") == "o_auth2_token");
  CHECK(underscore("Admin::User") == "admin/user");
  CHECK(underscore("Admin::UserProfile") == "admin/user_profile");
  CHECK(underscore("already_snake") == "already_snake");
  CHECK(underscore("Version2Thing") == "version2_thing");
  CHECK(underscore("multi-word") == "multi_word");
}

// ---------------------------------------------------------------------------------------------
// Rails

TEST_CASE("rails: a model references every column of its table", "[models]") {
  ModelScan scan = read_rails_models({
      {"app/models/application_record.rb", application_record},
      {"app/models/user.rb", "# A user.\nclass User < ApplicationRecord\n  has_many :posts\nend\n"},
      {"app/models/blog_post.rb", "class BlogPost < ApplicationRecord; end\n"},
      {"app/models/category.rb", "class Category < ::ApplicationRecord\nend\n"},
      {"app/models/person.rb", "class Person < ActiveRecord::Base\nend\n"},
  });
  CHECK(scan.failures.empty());
  CHECK(tables(scan) == Strings{"blog_posts", "categories", "people", "users"});
  const ModelReference& user = model_of(scan, "users");
  CHECK(user.file == "app/models/user.rb");
  CHECK(user.line == 2);
  CHECK(user.text == "class User < ApplicationRecord");
  CHECK(user.all_columns);
  CHECK(user.columns.empty());
  CHECK(user.ignored_columns.empty());
  CHECK(model_of(scan, "blog_posts").text == "class BlogPost < ApplicationRecord; end");
}

TEST_CASE("rails: ApplicationRecord need not be among the files", "[models]") {
  ModelScan scan =
      read_rails_models({{"app/models/order.rb", "class Order < ApplicationRecord\nend\n"}});
  CHECK(tables(scan) == Strings{"orders"});
}

TEST_CASE("rails: classes that do not descend from ActiveRecord are not models", "[models]") {
  ModelScan scan = read_rails_models({
      {"app/models/application_record.rb", application_record},
      {"app/services/report.rb", "class Report\n  def run; end\nend\n"},
      {"app/models/point.rb", "class Point < Struct.new(:x, :y)\nend\n"},
      {"app/models/remote.rb", "class Remote < ActiveResource::Base\nend\n"},
      {"db/migrate/1_create_users.rb",
       "class CreateUsers < ActiveRecord::Migration[7.1]\n"
       "  def change\n    create_table :users\n  end\nend\n"},
      {"app/models/user.rb", "class User < ApplicationRecord\nend\n"},
      {"app/models/user.rb.orig", "class Ghost < ApplicationRecord\nend\n"},
  });
  CHECK(scan.failures.empty());
  CHECK(tables(scan) == Strings{"users"});
}

TEST_CASE("rails: self.table_name wins, with strings, symbols and schemas", "[models]") {
  ModelScan scan = read_rails_models({
      {"app/models/user.rb",
       "class User < ApplicationRecord\n  self.table_name = \"legacy_users\"\nend\n"},
      {"app/models/tag.rb", "class Tag < ApplicationRecord\n  self.table_name = :labels\nend\n"},
      {"app/models/invoice.rb",
       "class Invoice < ApplicationRecord\n  self.table_name = 'billing.invoices'\nend\n"},
      {"app/models/mouse.rb", "class Mouse < ActiveRecord::Base\n  set_table_name \"mice\"\nend\n"},
      {"app/models/story.rb",
       "class Story < ApplicationRecord\n  def self.table_name\n    \"tales\"\n  end\nend\n"},
      {"app/models/note.rb",
       "class Note < ApplicationRecord\n  class << self\n    def table_name = \"memos\"\n  "
       "end\nend\n"},
  });
  CHECK(scan.failures.empty());
  CHECK(tables(scan) ==
        Strings{"billing.invoices", "labels", "legacy_users", "memos", "mice", "tales"});
  CHECK(model_of(scan, "invoices", "billing").line == 1);
}

TEST_CASE("rails: a table name the provider cannot read fails the file", "[models]") {
  ModelScan scan = read_rails_models({
      {"app/models/user.rb", "class User < ApplicationRecord\nend\n"},
      {"app/models/shard.rb",
       "class Shard < ApplicationRecord\n  self.table_name = \"shard_#{ENV['SHARD']}\"\nend\n"},
  });
  CHECK(tables(scan) == Strings{"users"});
  REQUIRE(scan.failures.size() == 1);
  CHECK(scan.failures[0].file == "app/models/shard.rb");
  CHECK(scan.failures[0].provider == "rails");
  CHECK_FALSE(scan.failures[0].reason.empty());
}

TEST_CASE("rails: STI subclasses use their base class's table, in any file order", "[models]") {
  ModelScan scan = read_rails_models({
      {"app/models/super_admin.rb", "class SuperAdmin < Admin\nend\n"},
      {"app/models/admin.rb", "class Admin < User\n  def admin? = true\nend\n"},
      {"app/models/user.rb", "class User < ApplicationRecord\nend\n"},
      {"app/models/application_record.rb", application_record},
      {"app/models/legacy.rb",
       "class Legacy < ApplicationRecord\n  self.table_name = \"old_things\"\nend\n"
       "class LegacyChild < Legacy\nend\n"},
  });
  CHECK(scan.failures.empty());
  CHECK(tables(scan) == Strings{"old_things", "old_things", "users", "users", "users"});
  std::vector<std::string> files;
  for (const ModelReference& model : scan.models) {
    if (model.table.name == "users") files.push_back(model.file);
  }
  std::sort(files.begin(), files.end());
  CHECK(files == Strings{"app/models/admin.rb", "app/models/super_admin.rb", "app/models/user.rb"});
}

TEST_CASE("rails: abstract classes have no table, their subclasses have their own", "[models]") {
  ModelScan scan = read_rails_models({
      {"app/models/application_record.rb", application_record},
      {"app/models/analytics_record.rb",
       "class AnalyticsRecord < ApplicationRecord\n  self.abstract_class = true\n"
       "  connects_to database: { writing: :analytics }\nend\n"},
      {"app/models/event.rb", "class Event < AnalyticsRecord\nend\n"},
      {"app/models/page_view.rb", "class PageView < Event\nend\n"},
      {"app/models/visit.rb", "class Visit < AnalyticsRecord\nend\n"},
  });
  CHECK(scan.failures.empty());
  CHECK(tables(scan) == Strings{"events", "events", "visits"});
}

TEST_CASE("rails: namespaced models use their own name unless the module has a table name prefix",
          "[models]") {
  ModelScan scan = read_rails_models({
      {"app/models/admin/user_profile.rb",
       "module Admin\n  class UserProfile < ApplicationRecord\n  end\nend\n"},
      {"app/models/admin/setting.rb", "class Admin::Setting < ApplicationRecord\nend\n"},
      {"app/models/billing.rb",
       "module Billing\n  def self.table_name_prefix\n    \"billing_\"\n  end\nend\n"},
      {"app/models/billing/invoice.rb", "class Billing::Invoice < ApplicationRecord\nend\n"},
      {"app/models/billing/line_item.rb",
       "module Billing\n  class LineItem < ApplicationRecord\n  end\nend\n"},
      {"app/models/crm.rb",
       "module Crm\n  self.table_name_prefix = \"crm_\"\n"
       "  class Contact < ApplicationRecord; end\nend\n"},
      {"app/models/deep.rb",
       "module Outer\n  def self.table_name_prefix = \"outer_\"\n  module Inner\n"
       "    class Thing < ApplicationRecord\n    end\n  end\nend\n"},
  });
  CHECK(scan.failures.empty());
  CHECK(tables(scan) == Strings{"billing_invoices", "billing_line_items", "crm_contacts",
                                "outer_things", "settings", "user_profiles"});
  CHECK(model_of(scan, "user_profiles").line == 2);
}

TEST_CASE("rails: a model nested in a model's class takes its singular table as a prefix",
          "[models]") {
  ModelScan scan = read_rails_models({
      {"app/models/invoice.rb",
       "class Invoice < ApplicationRecord\n  class Line < ApplicationRecord\n  end\nend\n"},
      {"app/models/category.rb",
       "class Category < ApplicationRecord\nend\nclass Category::Entry < ApplicationRecord\nend\n"},
  });
  CHECK(scan.failures.empty());
  CHECK(tables(scan) == Strings{"categories", "category_entries", "invoice_lines", "invoices"});
}

TEST_CASE("rails: class attributes on ApplicationRecord are inherited", "[models]") {
  ModelScan scan = read_rails_models({
      {"app/models/application_record.rb",
       "class ApplicationRecord < ActiveRecord::Base\n  self.abstract_class = true\n"
       "  self.table_name_prefix = \"app_\"\n  self.pluralize_table_names = false\nend\n"},
      {"app/models/user.rb", "class User < ApplicationRecord\nend\n"},
  });
  CHECK(tables(scan) == Strings{"app_user"});
}

TEST_CASE("rails: superclasses resolve through the lexical scope, as Ruby does", "[models]") {
  ModelScan scan = read_rails_models({
      {"app/models/account.rb", "class Account < ApplicationRecord\nend\n"},
      {"app/models/admin.rb",
       "module Admin\n  class Account < ApplicationRecord\n    self.table_name = "
       "\"admin_accounts\"\n"
       "  end\n\n  class Manager < Account\n  end\nend\n"},
      {"app/models/admin/owner.rb", "class Admin::Owner < Account\nend\n"},
  });
  CHECK(scan.failures.empty());
  const ModelReference* manager = nullptr;
  const ModelReference* owner = nullptr;
  for (const ModelReference& model : scan.models) {
    if (model.text == "class Manager < Account") manager = &model;
    if (model.text == "class Admin::Owner < Account") owner = &model;
  }
  REQUIRE(manager);
  REQUIRE(owner);
  CHECK(manager->table.name == "admin_accounts");
  CHECK(owner->table.name == "accounts");  // compact nesting: `Account` is looked up at top level
}

TEST_CASE("rails: ignored_columns in every spelling", "[models]") {
  ModelScan scan = read_rails_models({
      {"app/models/a.rb",
       "class A < ApplicationRecord\n  self.ignored_columns = [\"x\", 'y']\nend\n"},
      {"app/models/b.rb", "class B < ApplicationRecord\n  self.ignored_columns = %w[x y]\nend\n"},
      {"app/models/c.rb", "class C < ApplicationRecord\n  self.ignored_columns = %i(x y)\nend\n"},
      {"app/models/d.rb", "class D < ApplicationRecord\n  self.ignored_columns = [:x, :y]\nend\n"},
      {"app/models/e.rb",
       "class E < ApplicationRecord\n  self.ignored_columns += [\n    \"x\", # soon dropped\n"
       "    :y,\n  ]\nend\n"},
      {"app/models/f.rb",
       "class F < ApplicationRecord\n  self.ignored_columns = %w[x].freeze\n"
       "  self.ignored_columns += %w[y]\nend\n"},
  });
  CHECK(scan.failures.empty());
  REQUIRE(scan.models.size() == 6);
  for (const ModelReference& model : scan.models) {
    INFO(model.file);
    CHECK(model.all_columns);
    CHECK(model.ignored_columns == Strings{"x", "y"});
  }
}

TEST_CASE("rails: ignored_columns are inherited and extended by subclasses", "[models]") {
  ModelScan scan = read_rails_models({
      {"app/models/guest.rb",
       "class Guest < User\n  self.ignored_columns += [\"password_digest\"]\nend\n"},
      {"app/models/admin.rb", "class Admin < User\nend\n"},
      {"app/models/robot.rb", "class Robot < User\n  self.ignored_columns = []\nend\n"},
      {"app/models/user.rb",
       "class User < ApplicationRecord\n  self.ignored_columns = %w[legacy]\nend\n"},
  });
  CHECK(scan.failures.empty());
  for (const ModelReference& model : scan.models) {
    INFO(model.file);
    CHECK(model.table.name == "users");
    if (model.file == "app/models/guest.rb") {
      CHECK(model.ignored_columns == Strings{"legacy", "password_digest"});
    } else if (model.file == "app/models/robot.rb") {
      CHECK(model.ignored_columns.empty());
    } else {
      CHECK(model.ignored_columns == Strings{"legacy"});
    }
  }
}

TEST_CASE("rails: only_columns lists the columns a model uses", "[models]") {
  ModelScan scan = read_rails_models(
      {{"app/models/user.rb",
        "class User < ApplicationRecord\n  self.only_columns = %w[id email]\nend\n"}});
  const ModelReference& user = model_of(scan, "users");
  CHECK_FALSE(user.all_columns);
  CHECK(user.columns == Strings{"id", "email"});
}

TEST_CASE("rails: the lexer keeps class and end balanced through Ruby's syntax", "[models]") {
  const std::string tricky = R"RUBY(# frozen_string_literal: true

=begin
class Commented < ApplicationRecord
end
=end

module Shop
  def self.table_name_prefix
    "shop_"
  end

  class Order < ApplicationRecord
    NOTE = "the end of a class"
    OTHER = 'class Fake < ApplicationRecord'
    WORDS = %w(end class module do)
    KINDS = %i[begin end]
    PATTERN = /\bend\b|class [A-Z]/i
    SQL = <<~SQL.squish
      SELECT * FROM orders
      end
      class Nope < ApplicationRecord
    SQL
    LEGACY = <<-'EOS'
      end end end
    EOS
    validates :total, presence: true, if: :paid?
    belongs_to :customer, class: "Customer", optional: true
    scope :recent, -> { where("created_at > ?", 1.week.ago) }
    scope :open, -> do
      where(state: %w[new paid]) unless false
    end

    def summary
      return "empty" if lines.empty?
      text = lines.map do |line|
        "#{line.name}: #{line.total > 0 ? "paid #{line.class}" : 'due'}"
      end.join(", ")
      text += " (closed)" unless open?
      text
    end

    def state_label = state.to_s.humanize

    def range_end
      (1..10).end
    end

    def klass
      self.class
    end

    def each_pending
      i = 0
      while i < 10 do
        i += 1
      end
      until i.zero?
        i -= 1
      end
      for x in [1, 2] do
        puts x
      end
      i = 3 if i.nil?
      puts i while false
      begin
        risky
      rescue StandardError => e
        retry if e.message =~ /end/
      ensure
        cleanup
      end
      value = if i > 2 then :big else :small end
      kind = case value
             when :big then 1
             else 2
             end
      hash = { class: 1, end: 2, if: 3 }
      char = ?e
      ratio = i / 2
      percent = i % 3
      hash[:end]
    end

    class << self
      def lookup(id) = find(id)
    end
  end
end

class Invoice < ApplicationRecord
  __send__(:puts, "end")
end
__END__
class AfterEnd < ApplicationRecord
)RUBY";
  ModelScan scan = read_rails_models({{"app/models/shop.rb", tricky}});
  INFO((scan.failures.empty() ? "" : scan.failures[0].reason));
  REQUIRE(scan.failures.empty());
  CHECK(tables(scan) == Strings{"invoices", "shop_orders"});
  CHECK(model_of(scan, "shop_orders").line == 13);
  CHECK(model_of(scan, "invoices").text == "class Invoice < ApplicationRecord");
}

TEST_CASE("rails: Ruby corners found by parsing Ruby's own standard library", "[models]") {
  // Each of these once unbalanced `class`/`end` (checked against Ripper on 2,461 files).
  const std::string corners = R"RUBY(class Duration < ApplicationRecord
  def /(other)
    value / other
  end

  def %(other) = value % other
  def <<(item); items << item; end
  def `(command) = command

  GLOBALS = [:$/, :$;, :$_, :<<, :/]
  MESSAGE = "#{to_s.gsub(/"/, '&quot;')} and #{$`}"
  WIDTH = /[#{ chars.map { |c| "\\x%02x" % c.ord }.join }] (?# ^[ in a comment)/x

  class_eval %{
    def generated
      resolve
    end
  }

  def make_regex(str) /([^#{str}])/n end

  def converge(specs, limit)
    until specs.empty? or
          specs.size < limit do
      specs.pop
    end
    specs.
      for(1).
      none? { |spec| spec.nil? }
  end
end

class Next < ApplicationRecord
end
)RUBY";
  ModelScan scan = read_rails_models({{"app/models/duration.rb", corners}});
  INFO((scan.failures.empty() ? "" : scan.failures[0].reason));
  REQUIRE(scan.failures.empty());
  CHECK(tables(scan) == Strings{"durations", "nexts"});
}

TEST_CASE("rails: table names agree with ActiveRecord's own on nested and prefixed models",
          "[models]") {
  // Each expectation was printed by ActiveRecord 6.1's `table_name` for the same classes.
  ModelScan scan = read_rails_models({{"app/models/all.rb", R"RUBY(class Invoice < ApplicationRecord
  self.table_name = "billing.invoices"
  class Line < ApplicationRecord; end
end
class Tag < ApplicationRecord
  self.table_name = :labels
end
class Tag::Kind < ApplicationRecord; end
class Story < ApplicationRecord
  def self.table_name
    "tales"
  end
end
class Story::Chapter < ApplicationRecord; end
module Suffixed
  def self.table_name_suffix
    "_v2"
  end
  class Row < ApplicationRecord; end
end
class AnalyticsRecord < ApplicationRecord
  self.abstract_class = true
  self.table_name_prefix = "an_"
end
class Event < AnalyticsRecord; end
class Visit < AnalyticsRecord
  self.pluralize_table_names = false
end
class Visit::Step < Visit; end
class HTMLPage < ApplicationRecord; end
class UserFish < ApplicationRecord; end
)RUBY"}});
  CHECK(scan.failures.empty());
  CHECK(tables(scan) == Strings{"an_events", "an_visit", "an_visit", "billing.invoice_lines",
                                "billing.invoices", "html_pages", "label_kinds", "labels",
                                "rows_v2", "tale_chapters", "tales", "user_fishes"});
}

TEST_CASE("rails: a file the parser cannot follow is a failure, never an exception", "[models]") {
  SECTION("a class without end") {
    ModelScan scan = read_rails_models({
        {"app/models/user.rb", "class User < ApplicationRecord\n  def name\n  end\n"},
        {"app/models/post.rb", "class Post < ApplicationRecord\nend\n"},
    });
    CHECK(tables(scan) == Strings{"posts"});
    REQUIRE(scan.failures.size() == 1);
    CHECK(scan.failures[0].file == "app/models/user.rb");
    CHECK(scan.failures[0].provider == "rails");
    CHECK(scan.failures[0].reason.find("line 1") != std::string::npos);
  }
  SECTION("an end too many") {
    ModelScan scan =
        read_rails_models({{"app/models/user.rb", "class User < ApplicationRecord\nend\nend\n"}});
    CHECK(scan.models.empty());
    REQUIRE(scan.failures.size() == 1);
  }
  SECTION("an unterminated string, heredoc or =begin") {
    for (const char* content : {"class User < ApplicationRecord\n  X = \"open\nend\n",
                                "class User < ApplicationRecord\n  X = <<~SQL\n  select\nend\n",
                                "class User < ApplicationRecord\n=begin\nend\n"}) {
      ModelScan scan = read_rails_models({{"app/models/user.rb", content}});
      INFO(content);
      CHECK(scan.models.empty());
      CHECK(scan.failures.size() == 1);
    }
  }
  SECTION("brackets that do not match the blocks") {
    ModelScan scan = read_rails_models(
        {{"app/models/user.rb", "class User < ApplicationRecord\n  foo(bar do\n  end\nend\n"}});
    CHECK(scan.models.empty());
    CHECK(scan.failures.size() == 1);
  }
  SECTION("a subclass of a class in a failed file fails too") {
    ModelScan scan = read_rails_models({
        {"app/models/admin.rb", "class Admin < User\nend\n"},
        {"app/models/user.rb", "class User < ApplicationRecord\n  if true\nend\n"},
    });
    CHECK(scan.models.empty());
    REQUIRE(scan.failures.size() == 2);
    CHECK(scan.failures[0].file == "app/models/admin.rb");
    CHECK(scan.failures[1].file == "app/models/user.rb");
  }
  SECTION("garbage") {
    ModelScan scan = read_rails_models({{"app/models/x.rb", "class\n"}, {"app/models/y.rb", ""}});
    CHECK(scan.models.empty());
    CHECK(scan.failures.size() == 1);
  }
}

TEST_CASE("rails: a class reopened in several files is one model", "[models]") {
  ModelScan scan = read_rails_models({
      {"app/models/concerns/user_extra.rb",
       "class User\n  self.ignored_columns += [\"nickname\"]\nend\n"},
      {"app/models/user.rb", "class User < ApplicationRecord\nend\n"},
  });
  REQUIRE(scan.models.size() == 1);
  CHECK(scan.models[0].file == "app/models/user.rb");
  CHECK(scan.models[0].ignored_columns == Strings{"nickname"});
}

// ---------------------------------------------------------------------------------------------
// Prisma

namespace {
const std::string prisma_schema = R"PRISMA(// The app's schema.
datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
  schemas  = ["public", "auth"]
}

generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["multiSchema", "views"]
}

/// A person who signs in.
model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique @db.VarChar(255)
  fullName  String?  @map("full_name")
  role      Role     @default(MEMBER)
  tags      String[]
  posts     Post[]
  profile   Profile?
  secret    String   @ignore
  location  Unsupported("point")?
  createdAt DateTime @default(now()) @map(name: "created_at") // when

  @@map("users")
  @@schema("auth")
  @@index([email, role])
}

model Post {
  id       Int    @id
  title    String @default("// not a comment")
  author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)
  authorId Int    @map("author_id")
  editor   User?  @relation("edits", fields: [editorId], references: [id])
  editorId Int?
}

model Profile {
  userId Int  @id
  user   User @relation(fields: [userId], references: [id])

  @@schema("public")
}

model Scratch {
  id Int @id
  @@ignore
}

view PostStats {
  postId Int @unique @map("post_id")
  views  Int
}

enum Role {
  MEMBER
  ADMIN @map("admin")
}

type Address {
  street String
}
)PRISMA";
}  // namespace

TEST_CASE("prisma: models reference their scalar fields' columns", "[models]") {
  ModelScan scan = read_prisma_schema({"prisma/schema.prisma", prisma_schema});
  INFO((scan.failures.empty() ? "" : scan.failures[0].reason));
  REQUIRE(scan.failures.empty());
  CHECK(tables(scan) == Strings{"Post", "PostStats", "auth.users", "public.Profile"});

  const ModelReference& user = model_of(scan, "users", "auth");
  CHECK(user.file == "prisma/schema.prisma");
  CHECK(user.line == 14);
  CHECK(user.text == "model User {");
  CHECK_FALSE(user.all_columns);
  CHECK(user.columns == Strings{"id", "email", "full_name", "role", "tags", "created_at"});

  const ModelReference& post = model_of(scan, "Post");
  CHECK(post.columns == Strings{"id", "title", "author_id", "editorId"});
  CHECK(model_of(scan, "Profile", "public").columns == Strings{"userId"});
  const ModelReference& stats = model_of(scan, "PostStats");
  CHECK(stats.columns == Strings{"post_id", "views"});
  CHECK(stats.text == "view PostStats {");
}

TEST_CASE("prisma: a schema the provider cannot read is a failure", "[models]") {
  for (const char* content :
       {"model User {\n  id Int @id\n  name String @default(\"x)\n}\n",
        "model User {\n  id Int @id\n", "modle User {\n}\n", "model User {\n  id\n}\n",
        "model User {\n  id Int @id @@map(\"x\")\n}\n",
        "model User {\n  id Int @default(now(\n}\n"}) {
    ModelScan scan = read_prisma_schema({"schema.prisma", content});
    INFO(content);
    CHECK(scan.models.empty());
    REQUIRE(scan.failures.size() == 1);
    CHECK(scan.failures[0].provider == "prisma");
    CHECK(scan.failures[0].file == "schema.prisma");
  }
  CHECK(read_prisma_schema({"schema.prisma", ""}).failures.empty());
}

// ---------------------------------------------------------------------------------------------
// Diesel

TEST_CASE("diesel: every table! block is a model with its declared columns", "[models]") {
  const std::string schema = R"RUST(// @generated automatically by Diesel CLI.

pub mod sql_types {
    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "status"))]
    pub struct Status;
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::Status;

    /// The people who sign in.
    users (id) {
        /// The key.
        id -> Int4,
        #[max_length = 255]
        email -> Varchar,
        #[sql_name = "type"]
        type_ -> Text,
        r#ref -> Nullable<Text>,
        scores -> Array<Nullable<Int4>>,
        status -> Status,
        price -> Numeric
    }
}

diesel::table! {
    #[sql_name = "LegacyPosts"]
    posts (id) {
        id -> Int8,
        author_id -> Int4,
    }

    auth.sessions (user_id, token) {
        user_id -> Int4,
        token -> Text,
    }
}

table!(
    comments {
        id -> Integer,
        body -> Text,
    }
);

diesel::joinable!(posts -> users (author_id));
diesel::allow_tables_to_appear_in_same_query!(posts, users, comments);

fn unrelated() {
    let s = "table! { nope (id) { id -> Int4, } }";
    let r = r#"table! { nope2 (id) { id -> Int4, } }"#;
    let c = '{';
    let lifetime: &'static str = "x";
    /* table! { nope3 (id) { id -> Int4, } } */
}
)RUST";
  ModelScan scan = read_diesel_schema({"src/schema.rs", schema});
  INFO((scan.failures.empty() ? "" : scan.failures[0].reason));
  REQUIRE(scan.failures.empty());
  CHECK(tables(scan) == Strings{"LegacyPosts", "auth.sessions", "comments", "users"});

  const ModelReference& users = model_of(scan, "users");
  CHECK(users.file == "src/schema.rs");
  CHECK(users.line == 14);
  CHECK(users.text == "users (id) {");
  CHECK_FALSE(users.all_columns);
  CHECK(users.columns == Strings{"id", "email", "type", "ref", "scores", "status", "price"});

  CHECK(model_of(scan, "LegacyPosts").columns == Strings{"id", "author_id"});
  const ModelReference& sessions = model_of(scan, "sessions", "auth");
  CHECK(sessions.columns == Strings{"user_id", "token"});
  CHECK(sessions.text == "auth.sessions (user_id, token) {");
  CHECK(model_of(scan, "comments").columns == Strings{"id", "body"});
}

TEST_CASE("diesel: view! blocks are read like table! blocks", "[models]") {
  ModelScan scan = read_diesel_schema({"src/schema.rs", R"RUST(diesel::view! {
    /// Totals per user.
    #[sql_name = "user_totals_v"]
    user_totals {
        user_id -> Int4,
        total -> Nullable<Numeric>,
    }
}
)RUST"});
  REQUIRE(scan.failures.empty());
  const ModelReference& view = model_of(scan, "user_totals_v");
  CHECK(view.line == 4);
  CHECK(view.columns == Strings{"user_id", "total"});
}

TEST_CASE("diesel: a table! block the provider cannot read is a failure", "[models]") {
  for (const char* content :
       {"diesel::table! {\n    users (id) {\n        id => Int4,\n    }\n}\n",
        "diesel::table! {\n    users (id) {\n        id -> Int4,\n",
        "diesel::table! {\n    users (id)\n}\n", "table! { 42 }\n",
        "diesel::table! {\n    users (id) {\n        id -> Int4,\n    }\n}\n/* open\n",
        "diesel::table! {\n    users (id) {\n        id -> Int4,\n        \"x\n"}) {
    ModelScan scan = read_diesel_schema({"src/schema.rs", content});
    INFO(content);
    CHECK(scan.models.empty());
    REQUIRE(scan.failures.size() == 1);
    CHECK(scan.failures[0].provider == "diesel");
  }
  ModelScan empty = read_diesel_schema({"src/lib.rs", "fn main() {}\n"});
  CHECK(empty.models.empty());
  CHECK(empty.failures.empty());
}

TEST_CASE("jpa: entities, their tables and their fields' columns", "[models]") {
  ModelScan java = read_jpa_entities({SourceFile{"app/OrderItem.java", R"(
@Entity
public class OrderItem {
  @Id private Long id;
  private String legacyEmail;
  @Column(name = "qty") private int quantity;
  @ManyToOne @JoinColumn(name = "order_ref") private Order order;
  @OneToOne(mappedBy = "item") private Receipt receipt;
  private static final long serialVersionUID = 1L;
  private transient String cache;
  public String label() { String local = "x"; return local; }
}
class NotAnEntity { private String other; }
)"}});
  REQUIRE(java.failures.empty());
  REQUIRE(java.models.size() == 2);  // Spring Boot's name, and Hibernate's own
  CHECK(java.models[0].table.name == "order_item");
  CHECK(java.models[1].table.name == "orderitem");
  CHECK(java.models[0].columns ==
        std::vector<std::string>{"id", "legacy_email", "legacyemail", "qty", "order_ref"});
  CHECK(java.models[0].declarations.at(1).line == 5);
  ModelScan kotlin = read_jpa_entities({SourceFile{"app/Event.kt", R"(
@Entity @Table(name = "events", schema = "audit")
class Event(@Id val id: Long, val seenAt: Instant, plain: Int) {
  @Column(name = "ip")
  var sourceIp: String? = null
  fun label() = "x"
}
)"}});
  REQUIRE(kotlin.models.size() == 1);
  CHECK(kotlin.models[0].table.schema == "audit");
  CHECK(kotlin.models[0].table.name == "events");
  CHECK(kotlin.models[0].columns == std::vector<std::string>{"id", "seen_at", "seenat", "ip"});
  // What cannot be tokenized is left to the textual provider.
  ModelScan broken = read_jpa_entities({SourceFile{"app/A.java", "@Entity class A { /* open"}});
  CHECK(broken.models.empty());
  REQUIRE(broken.failures.size() == 1);
  CHECK(broken.failures[0].provider == "jpa");
}

TEST_CASE("jpa: an entity inherits the fields of its mapped superclasses", "[models]") {
  ModelScan scan = read_jpa_entities({
      SourceFile{"app/Base.java",
                 "@MappedSuperclass\npublic abstract class Base {\n  @Id private Long id;\n"
                 "  private Instant createdAt;\n}\n"},
      SourceFile{"app/Audited.kt",
                 "@MappedSuperclass\nabstract class Audited : com.acme.Base() {\n"
                 "  var updatedBy: String? = null\n}\n"},
      SourceFile{"app/Invoice.java",
                 "@Entity\nclass Invoice extends Audited {\n  private long total;\n}\n"},
      SourceFile{"app/Loop.java",
                 "@MappedSuperclass class A extends B {}\n@MappedSuperclass class B extends A {}\n"
                 "@Entity class C extends A { private int x; }\n"},
  });
  REQUIRE(scan.failures.empty());
  REQUIRE(scan.models.size() == 2);
  const ModelReference& invoice = scan.models[0];
  CHECK(invoice.table.name == "invoice");
  CHECK(invoice.columns == std::vector<std::string>{"total", "updated_by", "updatedby", "id",
                                                    "created_at", "createdat"});
  CHECK(invoice.declarations.at(4).file == "app/Base.java");
  CHECK(invoice.declarations.at(4).line == 4);
  CHECK(invoice.declarations.at(0).file.empty());
  CHECK(scan.models[1].columns == std::vector<std::string>{"x"});  // the cycle ends
}
