#include "analyzer/cli/cli.hpp"

#include <CLI/CLI.hpp>

#include "analyzer/report/report.hpp"
#include "twostep/error.hpp"

namespace twostep::cli {

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"twostep: checks PostgreSQL migrations against the app version that is deployed"};
  app.set_version_flag("--version", std::string("twostep ") + TWOSTEP_VERSION);
  app.require_subcommand(0, 1);

  CheckOptions check;
  CLI::App* check_app =
      app.add_subcommand("check", "Check pending migrations against the deployed app version");
  CLI::Option* paths =
      check_app->add_option("paths", check.request.paths,
                            "Migration files to check as pending (default: those the deployed "
                            "version lacks)");
  check_app->add_option("--migrations", check.request.migrations, "The migrations folder");
  CLI::Option* deployed_ref =
      check_app->add_option("--deployed-ref", check.request.deployed_ref,
                            "The git ref of the deployed version (tag, branch or commit)");
  check_app->add_option("--config", check.request.config, "twostep.toml to use");
  CLI::Option* deployed_refs =
      check_app->add_option("--deployed-refs", check.request.deployed_refs,
                            "A references manifest of the deployed version (written by `twostep "
                            "refs`), instead of its git tree");
  check_app->add_option("--deployed-queries", check.request.deployed_queries,
                        "A pg_stat_statements export (CSV with a header, or JSON lines) of what "
                        "the deployed app ran");
  deployed_refs->excludes(deployed_ref);
  CLI::Option* each = check_app->add_flag(
      "--each", check.request.each,
      "Check every migration of the folder in turn, with the ones before it as history "
      "(adopting twostep on an existing repository)");
  each->excludes(deployed_refs);
  CLI::Option* staged = check_app->add_flag(
      "--staged", check.request.staged,
      "Check the migrations as staged in the git index, not the working tree: what the next "
      "commit holds (a pre-commit hook; untracked and unstaged edits are left out)");
  staged->excludes(each)->excludes(paths);
  CLI::Option* nothing_deployed = check_app->add_flag(
      "--nothing-deployed", check.request.nothing_deployed,
      "No app version is deployed yet (the first deploy): every migration is pending, checked "
      "against an empty database");
  nothing_deployed->excludes(deployed_ref)->excludes(deployed_refs)->excludes(each);
  check_app
      ->add_option("--format", check.format,
                   "Report format: text, json, sarif, junit, github (workflow commands), "
                   "gitlab (Code Quality) or markdown")
      ->check(CLI::IsMember(report::format_names()));
  check_app->add_option("-o,--output", check.output,
                        "Write the report in --format to this file; the terminal still gets the "
                        "text report");
  check_app
      ->add_option("--fail-on", check.fail_on,
                   "The lowest severity that fails the check (exit 1): error (default) or "
                   "warning")
      ->check(CLI::IsMember({"error", "warning"}));
  check_app
      ->add_option("-e,--exclude", check.request.exclude,
                   "Turn a rule off for this run (an id or alias; repeat, or separate with commas)")
      ->expected(1)
      ->delimiter(',')
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check_app->add_option("--color", check.color, "Colour in text output")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  RefsOptions refs;
  CLI::App* refs_app = app.add_subcommand(
      "refs", "Write every reference of an app version to its schema, as a manifest");
  refs_app->add_option("--at", refs.request.at, "The git ref of the version (default HEAD)");
  refs_app->add_option("-o,--output", refs.output, "Write the manifest to this file");
  refs_app->add_option("--migrations", refs.request.migrations, "The migrations folder");
  refs_app->add_option("--config", refs.request.config, "twostep.toml to use");

  std::string rules_format = "text";
  CLI::App* rules_app = app.add_subcommand("rules", "List the rules");
  rules_app->add_option("--format", rules_format, "Output format")
      ->check(CLI::IsMember({"text", "markdown"}));

  std::string explain_rule;
  CLI::App* explain_app = app.add_subcommand("explain", "Print a rule's documentation");
  explain_app->add_option("rule", explain_rule, "Rule id or alias")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion&) {
    out << "twostep " << TWOSTEP_VERSION << "\n";
    return 0;
  } catch (const CLI::ParseError& error) {
    // Subcommand help is a ParseError too in CLI11 2.1.
    if (error.get_exit_code() == 0) {
      for (CLI::App* sub : {check_app, refs_app, rules_app, explain_app}) {
        if (sub->parsed()) {
          out << sub->help();
          return 0;
        }
      }
      out << app.help();
      return 0;
    }
    std::string message = error.what();
    if (message.empty()) message = "invalid command line";
    err << "twostep: error: " << message << " (see `twostep --help`)\n";
    return 2;
  }

  try {
    if (check_app->parsed()) return check_command(check, out);
    if (refs_app->parsed()) return refs_command(refs, out, err);
    if (rules_app->parsed()) return rules_command(rules_format, out);
    if (explain_app->parsed()) return explain_command(explain_rule, out);
    err << "twostep: error: a command is required: check, refs, rules or explain (see `twostep "
           "--help`)\n";
    return 2;
  } catch (const Error& error) {
    err << "twostep: error: " << error.what() << "\n";
    return 2;
  } catch (const std::exception& error) {
    err << "twostep: internal error: " << error.what() << "\n";
    return 2;
  }
  return 2;
}

}  // namespace twostep::cli
