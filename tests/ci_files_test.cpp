// The shipped CI files run as written: the CodeBuild buildspecs (check, migrate, mark-deployed),
// the GitHub workflow and the GitLab job, in a temp clone that mimics each service's environment
// and source layout. Only what the service does itself is stood in for: the AWS CLI
// (tests/ci/fake-aws), the checkout, and the package download (a local file).
#include <catch2/catch.hpp>

#include "support.hpp"

namespace fs = std::filesystem;
using namespace twostep::testing;

namespace {

const fs::path kSource = TWOSTEP_SOURCE_DIR;
const char* kUsers =
    "CREATE TABLE users (\n  id bigserial PRIMARY KEY,\n  email text NOT NULL,\n  legacy_email "
    "text\n);\n";
const char* kStore =
    "package store\n\nconst findUser = `SELECT id, email, legacy_email FROM users WHERE id = $1`\n";
const char* kDrop = "ALTER TABLE users DROP COLUMN legacy_email;\n";
const char* kAdd = "ALTER TABLE users ADD COLUMN nickname text;\n";

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// The release package, built once from the binary under test as a team would build it once.
const fs::path& release_package() {
  static TempDir folder;
  static const fs::path package = [] {
    Result built = run_shell("ci/package.sh --binary " + shell_quote(TWOSTEP_BINARY) +
                                 " --output " + shell_quote(folder.path().string()),
                             kSource);
    INFO(built.out << built.err);
    REQUIRE(built.exit_code == 0);
    return fs::path(trimmed(built.out));
  }();
  return package;
}

// A remote repository with a deployed release, the developer's clone that pushes to it, and the
// CI service's clone of the commit under test.
class Pipeline {
 public:
  Pipeline()
      : origin_(temp_.path() / "origin.git"), dev_(temp_.path() / "dev"), ci_(temp_.path() / "ci") {
    fs::create_directories(origin_);
    git(origin_, "init -q --bare -b main");
    git_init(dev_);
    git(dev_, "remote add origin " + shell_quote(origin_.string()));
    for (const char* folder : {"bin", "tmp", "home", "state", "s3/artifacts/tools"}) {
      fs::create_directories(temp_.path() / folder);
    }
    fs::copy_file(kSource / "tests/ci/fake-aws", temp_.path() / "bin/aws");
    package_ = release_package().filename().string();
    fs::copy_file(release_package(), temp_.path() / "s3/artifacts/tools" / package_);
  }

  // Commits the files in the developer's clone and pushes; returns the commit.
  std::string push(const std::map<std::string, std::string>& files, const std::string& message) {
    for (const auto& [path, content] : files) write_file(dev_ / path, content);
    std::string commit = git_commit_all(dev_, message);
    git(dev_, "push -q origin main");
    return commit;
  }
  void tag_deployed(const std::string& commit) {
    git(dev_, "tag -f deployed/production " + commit);
    git(dev_, "push -q -f origin refs/tags/deployed/production");
  }
  std::string deployed_on_origin() const {
    return trimmed(run_shell("git rev-parse 'deployed/production^{commit}'", origin_).out);
  }

  // The service's clone of `commit`: full history, no tags, detached at the commit.
  void checkout(const std::string& commit) {
    fs::remove_all(ci_);
    git(temp_.path(), "clone -q --no-tags " + shell_quote(origin_.string()) + " ci");
    git(ci_, "checkout -q --detach " + commit);
    git(ci_, "config user.email ci@example.com");
    git(ci_, "config user.name ci");
    commit_ = commit;
  }
  const fs::path& ci() const { return ci_; }
  const fs::path& temp() const { return temp_.path(); }
  std::string package_s3() const { return "s3://artifacts/tools/" + package_; }
  std::string package_url() const {
    return "file://" + (temp_.path() / "s3/artifacts/tools" / package_).string();
  }

  // Runs a CI file through tests/ci/ci_script.py in the service's clone.
  Result run(const std::string& kind, const std::string& file, const std::string& job,
             std::map<std::string, std::string> environment) const {
    Result script = run_shell("/usr/bin/python3 tests/ci/ci_script.py " + kind + " " +
                                  shell_quote(file) + (job.empty() ? "" : " " + job),
                              kSource);
    INFO(script.err);
    REQUIRE(script.exit_code == 0);
    fs::path path = temp_.path() / (kind + ".sh");
    write_file(path, script.out);
    environment.emplace("HOME", (temp_.path() / "home").string());
    environment.emplace("TMPDIR", (temp_.path() / "tmp").string());
    environment.emplace("FAKE_AWS_STATE", (temp_.path() / "state").string());
    environment.emplace("FAKE_AWS_S3", (temp_.path() / "s3").string());
    environment.emplace("TWOSTEP_HOME", (temp_.path() / "opt/twostep").string());
    return run_with_twostep("PATH=" + shell_quote((temp_.path() / "bin").string()) +
                                ":\"$PATH\" bash " + shell_quote(path.string()),
                            ci_, environment);
  }

  Result codebuild(const std::string& buildspec,
                   std::map<std::string, std::string> environment = {}) const {
    environment.emplace("CODEBUILD_BUILD_ID", "twostep-check:0f1e2d3c");
    environment.emplace("CODEBUILD_SRC_DIR", ci_.string());
    environment.emplace("CODEBUILD_RESOLVED_SOURCE_VERSION", commit_);
    environment.emplace("CODEBUILD_SOURCE_VERSION", commit_);
    environment.emplace("CODEBUILD_INITIATOR", "codepipeline/app-pipeline");
    environment.emplace("TWOSTEP_PACKAGE_S3", package_s3());
    return run("codebuild", "ci/codebuild/" + buildspec, "", environment);
  }

  std::string calls() const { return read_file(temp_.path() / "state/calls"); }

 private:
  TempDir temp_;
  fs::path origin_;
  fs::path dev_;
  fs::path ci_;
  std::string commit_;
  std::string package_;
};

// A pipeline whose deployed release reads users.legacy_email, and a next commit on top of it.
std::string deploy_then(Pipeline& pipeline, const char* next_migration) {
  std::string deployed = pipeline.push(
      {{"migrations/0001_users.sql", kUsers}, {"internal/store/users.go", kStore}}, "release 1.4");
  pipeline.tag_deployed(deployed);
  std::string next = pipeline.push({{"migrations/0002_next.sql", next_migration}}, "release 1.5");
  pipeline.checkout(next);
  return next;
}

bool validates_as_junit(const fs::path& report) {
  Result lint = run_shell("xmllint --noout --schema " +
                              shell_quote((kSource / "../shared/schemas/junit-10.xsd").string()) +
                              " " + shell_quote(report.string()),
                          report.parent_path());
  INFO(lint.err);
  return lint.exit_code == 0;
}

}  // namespace

TEST_CASE(
    "the CodeBuild check fails the build on a drop the deployed app reads, with a JUnit report",
    "[integrations]") {
  Pipeline pipeline;
  deploy_then(pipeline, kDrop);
  Result build = pipeline.codebuild("buildspec.yml");
  INFO(build.out << build.err);
  CHECK(build.exit_code == 1);
  CHECK(build.out.find("error[drop-column-in-use]") != std::string::npos);
  CHECK(build.out.find("`internal/store/users.go:3` in the deployed version") != std::string::npos);
  // The package was fetched from S3 (no compiling), and the tag fetched without making the clone
  // shallow.
  CHECK(pipeline.calls().find("aws s3 cp --only-show-errors " + pipeline.package_s3()) !=
        std::string::npos);
  CHECK(trimmed(run_shell("git rev-parse --is-shallow-repository", pipeline.ci()).out) == "false");
  CHECK(run_shell("git rev-parse deployed/production", pipeline.ci()).exit_code == 0);
  // The report group's file: where the reports section says, valid JUnit, one failure.
  Result reports = run_shell(
      "/usr/bin/python3 tests/ci/ci_script.py codebuild-reports "
      "ci/codebuild/buildspec.yml",
      kSource);
  CHECK(reports.out == "twostep JUNITXML twostep-reports/twostep.xml\n");
  fs::path report = pipeline.ci() / "twostep-reports/twostep.xml";
  REQUIRE(fs::exists(report));
  CHECK(validates_as_junit(report));
  std::string xml = read_file(report);
  CHECK(xml.find("<testsuite name=\"migrations/0002_next.sql\"") != std::string::npos);
  CHECK(xml.find("<failure type=\"drop-column-in-use\"") != std::string::npos);
}

TEST_CASE("the CodeBuild check passes a safe migration", "[integrations]") {
  Pipeline pipeline;
  deploy_then(pipeline, kAdd);
  Result build = pipeline.codebuild("buildspec.yml");
  INFO(build.out << build.err);
  CHECK(build.exit_code == 0);
  CHECK(build.out.find("passed: 0 errors") != std::string::npos);
  std::string xml = read_file(pipeline.ci() / "twostep-reports/twostep.xml");
  CHECK(xml.find("failures=\"0\"") != std::string::npos);
  CHECK(xml.find("<testcase name=\"no findings\" classname=\"migrations/0002_next.sql\"/>") !=
        std::string::npos);
}

TEST_CASE("the first pipeline run, before any release is marked, says what to do",
          "[integrations]") {
  Pipeline pipeline;
  std::string first = pipeline.push(
      {{"migrations/0001_users.sql", kUsers}, {"internal/store/users.go", kStore}}, "release 1.0");
  pipeline.checkout(first);
  Result refused = pipeline.codebuild("buildspec.yml");
  INFO(refused.out << refused.err);
  CHECK(refused.exit_code != 0);
  CHECK(refused.err.find("origin has no tag deployed/production") != std::string::npos);
  CHECK(refused.err.find("git tag deployed/production <deployed commit> && git push origin "
                         "refs/tags/deployed/production") != std::string::npos);
  CHECK(refused.err.find("TWOSTEP_FIRST_DEPLOY=true") != std::string::npos);
  CHECK(refused.err.find("couldn't find remote ref") == std::string::npos);

  // A new app: nothing is deployed, every migration is pending and checked.
  Result first_deploy = pipeline.codebuild("buildspec.yml", {{"TWOSTEP_FIRST_DEPLOY", "true"}});
  INFO(first_deploy.out << first_deploy.err);
  CHECK(first_deploy.exit_code == 0);
  CHECK(first_deploy.out.find("--nothing-deployed: every migration is pending") !=
        std::string::npos);
  CHECK(first_deploy.out.find("pending: migrations/0001_users.sql") != std::string::npos);
}

TEST_CASE("after a deploy the marker moves, and the next build checks against it",
          "[integrations]") {
  Pipeline pipeline;
  std::string next = deploy_then(pipeline, kAdd);
  // The stage after the blue/green deploy, with the same source revision.
  Result mark = pipeline.codebuild("buildspec-mark-deployed.yml");
  INFO(mark.out << mark.err);
  REQUIRE(mark.exit_code == 0);
  CHECK(pipeline.deployed_on_origin() == next);
  // Release 1.6 drops the column that release 1.5 (now deployed) still reads.
  std::string later = pipeline.push({{"migrations/0003_drop.sql", kDrop}}, "release 1.6");
  pipeline.checkout(later);
  Result build = pipeline.codebuild("buildspec.yml");
  INFO(build.out << build.err);
  CHECK(build.exit_code == 1);
  CHECK(build.out.find("pending: migrations/0003_drop.sql") != std::string::npos);
  CHECK(build.out.find("2 applied migrations replayed") != std::string::npos);
}

TEST_CASE("the migration stage waits for the ECS task and fails on its exit code",
          "[integrations]") {
  Pipeline pipeline;
  pipeline.checkout(pipeline.push({{"migrations/0001_users.sql", kUsers}}, "release"));
  std::map<std::string, std::string> project = {{"SUBNETS", "subnet-1,subnet-2"},
                                                {"SECURITY_GROUPS", "sg-1"}};
  auto with = [&](std::map<std::string, std::string> extra) {
    extra.insert(project.begin(), project.end());
    fs::remove(pipeline.temp() / "state/waits");
    return extra;
  };

  Result ran = pipeline.codebuild("buildspec-migrate.yml", with({{"FAKE_ECS_WAIT_ROUNDS", "2"}}));
  INFO(ran.out << ran.err);
  CHECK(ran.exit_code == 0);
  CHECK(ran.out.find("migrations ran: exit code 0") != std::string::npos);
  // A migration longer than one waiter round is waited for again, not reported as failed.
  CHECK(trimmed(read_file(pipeline.temp() / "state/waits")) == "3");
  CHECK(pipeline.calls().find(
            "aws ecs run-task --launch-type FARGATE --cluster staging-app-cluster "
            "--task-definition staging-app-db-migration-task --network-configuration "
            "awsvpcConfiguration={subnets=[subnet-1,subnet-2],securityGroups=[sg-1]}") !=
        std::string::npos);

  Result failed = pipeline.codebuild("buildspec-migrate.yml", with({{"FAKE_ECS_EXIT_CODE", "1"}}));
  CHECK(failed.exit_code != 0);
  CHECK(failed.err.find("the migration failed with exit code 1") != std::string::npos);

  Result never_ran = pipeline.codebuild(
      "buildspec-migrate.yml",
      with({{"FAKE_ECS_EXIT_CODE", "None"},
            {"FAKE_ECS_STOPPED_REASON", "CannotPullContainerError: image not found"}}));
  CHECK(never_ran.exit_code != 0);
  CHECK(never_ran.err.find("no exit code (it never ran): CannotPullContainerError") !=
        std::string::npos);

  Result not_started =
      pipeline.codebuild("buildspec-migrate.yml", with({{"FAKE_ECS_START", "fail"}}));
  CHECK(not_started.exit_code != 0);
  CHECK(not_started.err.find("the migration task did not start") != std::string::npos);

  Result too_long = pipeline.codebuild(
      "buildspec-migrate.yml", with({{"FAKE_ECS_WAIT_ROUNDS", "50"}, {"MAX_WAIT_ROUNDS", "3"}}));
  CHECK(too_long.exit_code != 0);
  CHECK(too_long.err.find("still RUNNING after 3 waits") != std::string::npos);
}

TEST_CASE("the GitHub workflow annotates the migration and writes the job summary",
          "[integrations]") {
  Pipeline pipeline;
  deploy_then(pipeline, kDrop);
  fs::path summary = pipeline.temp() / "summary.md";
  Result job = pipeline.run("github", "ci/github/twostep.yml", "twostep",
                            {{"CI", "true"},
                             {"GITHUB_ACTIONS", "true"},
                             {"GITHUB_WORKSPACE", pipeline.ci().string()},
                             {"GITHUB_STEP_SUMMARY", summary.string()},
                             {"RUNNER_TEMP", (pipeline.temp() / "tmp").string()},
                             {"TWOSTEP_PACKAGE_URL", pipeline.package_url()}});
  INFO(job.out << job.err);
  CHECK(job.exit_code == 1);
  CHECK(job.out.find("::error file=migrations/0002_next.sql,line=1,col=19,") != std::string::npos);
  CHECK(job.out.find("title=twostep drop-column-in-use::dropping `public.users.legacy_email`") !=
        std::string::npos);
  std::string markdown = read_file(summary);
  CHECK(markdown.find("## twostep failed") != std::string::npos);
  CHECK(markdown.find("### error `drop-column-in-use`") != std::string::npos);
}

TEST_CASE("the GitLab job writes the Code Quality report and fails on an error", "[integrations]") {
  Pipeline pipeline;
  deploy_then(pipeline, kDrop);
  Result job = pipeline.run("gitlab", "ci/gitlab/twostep.gitlab-ci.yml", "twostep",
                            {{"CI", "true"},
                             {"GITLAB_CI", "true"},
                             {"CI_PROJECT_DIR", pipeline.ci().string()},
                             {"TWOSTEP_PACKAGE_URL", pipeline.package_url()}});
  INFO(job.out << job.err);
  CHECK(job.exit_code == 1);
  std::string report = read_file(pipeline.ci() / "gl-code-quality-report.json");
  CHECK(report.find("\"check_name\": \"drop-column-in-use\"") != std::string::npos);
  CHECK(report.find("\"path\": \"migrations/0002_next.sql\"") != std::string::npos);
}

TEST_CASE("the release package holds the binary, its helpers and its run-time packages",
          "[integrations]") {
  Result listing = run_shell("tar -tzf " + shell_quote(release_package().string()), kSource);
  for (const char* entry :
       {"twostep/bin/twostep", "twostep/bin/twostep-fetch-deployed", "twostep/install.sh",
        "twostep/runtime-packages", "twostep/share/doc/twostep/integrations.md"}) {
    CHECK(listing.out.find(std::string(entry) + "\n") != std::string::npos);
  }
  Result packages = run_shell(
      "tar -xzOf " + shell_quote(release_package().string()) + " twostep/runtime-packages",
      kSource);
  for (const char* package :
       {"libpg-query1504.0", "libgit2-1.5", "libsimdjson14", "libfmt9", "libtomlplusplus3"}) {
    CHECK(packages.out.find(std::string(package) + "\n") != std::string::npos);
  }
  CHECK(release_package().filename().string().rfind("twostep-" TWOSTEP_VERSION "-debian12-", 0) ==
        0);
}
