// The bundled examples, run as ci/demo.sh runs them: the deployed tree committed and tagged, the
// next release's tree committed on top, then `twostep check --deployed-ref deployed/production`.
#include <catch2/catch.hpp>

#include "support.hpp"

namespace fs = std::filesystem;
using namespace twostep::testing;

namespace {

Result run_example(const std::string& name) {
  fs::path example = fs::path(TWOSTEP_SOURCE_DIR) / "examples" / name;
  TempDir temp;
  fs::path repository = temp.path() / "repo";
  git_init(repository);
  fs::copy(example / "deployed", repository, fs::copy_options::recursive);
  git_commit_all(repository, "release 1.4");
  git(repository, "tag deployed/production");
  fs::copy(example / "next", repository,
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  git_commit_all(repository, "release 1.5");
  return run_twostep({"check", "--deployed-ref", "deployed/production"}, repository);
}

}  // namespace

TEST_CASE("examples/shop: the Go app's drop of a column it reads fails", "[examples]") {
  Result result = run_example("shop");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("error[drop-column-in-use]: dropping `public.users.legacy_email`") !=
        std::string::npos);
  CHECK(result.out.find("failed: 1 error") != std::string::npos);
}

TEST_CASE("examples/rails-shop: the Rails app's drop of a column its model loads fails",
          "[examples]") {
  Result result = run_example("rails-shop");
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("layout: rails") != std::string::npos);
  CHECK(result.out.find("history starts from the deployed db/schema.rb (version 20240212141500)") !=
        std::string::npos);
  CHECK(result.out.find("error[drop-column-in-use]: dropping `public.users.legacy_email`") !=
        std::string::npos);
  CHECK(result.out.find("--> db/migrate/20240301120000_drop_legacy_email.rb:6:5") !=
        std::string::npos);
  CHECK(result.out.find("`app/models/user.rb:1` in the deployed version") != std::string::npos);
  // The concurrent index runs outside a transaction (`disable_ddl_transaction!`): no finding.
  CHECK(result.out.find("concurrently-in-transaction") == std::string::npos);
  CHECK(result.out.find("failed: 1 error") != std::string::npos);
}
