// polyctl's actions beyond the standard methods (accreditation decisions, drawing a body,
// an inbox) and `call`, any unary method with a JSON request. Each action is a row: the
// method it calls and the request field its first argument fills; FIELD=VALUE words fill the
// rest.
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "tools/polyctl/cli.h"
#include "tools/polyctl/exit_codes.h"
#include "tools/polyctl/generic_call.h"
#include "tools/polyctl/resource_kinds.h"

namespace polylateral::polyctl {
namespace {

struct Action {
  const char* command;
  const char* service;
  const char* method;  // full name, "/pkg.Service/Method"
  const char* first_field;
  // Further bare words (not FIELD=VALUE) fill this repeated field ("" when none allowed).
  const char* rest_field;
  const char* help;
};

const std::vector<Action>& Actions() {
  static const auto* const actions = new std::vector<Action>{
      {"submit", "accreditation", "SubmitApplication", "name", "",
       "submit APPLICATION                       submit a draft application"},
      {"withdraw", "accreditation", "WithdrawApplication", "name", "",
       "withdraw APPLICATION                     withdraw an undecided application"},
      {"review", "accreditation", "ReviewApplication", "name", "",
       "review APPLICATION decision=APPROVE|REJECT|DEFER [reason=..] [questions=..]"},
      {"answer", "accreditation", "AnswerQuestions", "name", "answers",
       "answer APPLICATION ANSWER...             answer a deferral's questions"},
      {"object", "accreditation", "LodgeObjection", "parent", "",
       "object APPLICATION state=states/XX grounds=TEXT   lodge a state's objection"},
      {"suspend", "accreditation", "SuspendAccreditation", "name", "",
       "suspend ACCREDITATION reason=TEXT"},
      {"reinstate", "accreditation", "ReinstateAccreditation", "name", "",
       "reinstate ACCREDITATION [reason=TEXT]"},
      {"revoke", "accreditation", "RevokeAccreditation", "name", "",
       "revoke ACCREDITATION reason=TEXT"},
      {"draw", "composition", "DrawBody", "name", "",
       "draw BODY seed=SEED [uniform_panels=N]     draw a body's members"},
      {"inbox-pull", "routing", "PullInbox", "destination", "",
       "inbox pull DESTINATION [max_deliveries=N] [consumer=NAME]"},
      {"inbox-ack", "routing", "AckDelivery", "destination", "delivery_ids",
       "inbox ack DESTINATION DELIVERY_ID...       acknowledge deliveries"},
  };
  return *actions;
}

// "registry" -> "polylateral.registry.v1.RegistryService"; "" when unknown.
std::string FullServiceName(const std::string& service) {
  for (const ResourceKind& k : ResourceKinds()) {
    if (k.service == service) return k.service_name;
  }
  return "";
}

int Fail(Cli& cli, const CallError& e) {
  if (cli.format == OutputFormat::kJson) {
    std::fprintf(cli.out, "%s\n", CallErrorJson(e).dump(2).c_str());
  }
  std::fprintf(cli.err, "%s\n", FormatCallError(e).c_str());
  return ExitCodeOf(e);
}

// A response as a table when it is a resource polyctl knows or a list of deliveries; JSON
// otherwise.
void PrintResponse(Cli& cli, const nlohmann::json& response) {
  if (cli.format == OutputFormat::kTable) {
    if (response.contains("deliveries")) {
      std::vector<nlohmann::json> items(response["deliveries"].begin(),
                                        response["deliveries"].end());
      Print(cli.out, cli.format, response, items,
            cli.columns.empty()
                ? std::vector<std::string>{"deliveryId", "input.name", "input.title", "route.kind"}
                : cli.columns);
      return;
    }
    const ParsedName parsed = ParseResourceName(response.value("name", ""));
    if (parsed.kind != nullptr) {
      Print(cli.out, cli.format, response, {response},
            cli.columns.empty() ? parsed.kind->columns : cli.columns);
      return;
    }
  }
  std::fprintf(cli.out, "%s\n", response.dump(2).c_str());
}

}  // namespace

bool IsAction(const std::string& command) {
  if (command == "inbox") return true;
  for (const Action& a : Actions()) {
    if (command == a.command) return true;
  }
  return false;
}

std::string ActionsHelp() {
  std::string out;
  for (const Action& a : Actions()) absl::StrAppend(&out, "  polyctl ", a.help, "\n");
  return out;
}

int RunAction(Cli& cli, const std::string& command) {
  std::string name = command;
  std::vector<std::string> args = cli.args;
  if (command == "inbox") {
    if (args.empty() || (args[0] != "pull" && args[0] != "ack")) {
      std::fprintf(cli.err, "usage: polyctl inbox pull|ack DESTINATION ...\n");
      return kExitUsage;
    }
    name = "inbox-" + args[0];
    args.erase(args.begin());
  }
  const Action* action = nullptr;
  for (const Action& a : Actions()) {
    if (name == a.command) action = &a;
  }
  if (action == nullptr || args.empty()) {
    std::fprintf(cli.err, "usage: polyctl %s\n", action != nullptr ? action->help : "ACTION");
    return kExitUsage;
  }
  const std::string method =
      absl::StrCat("/", FullServiceName(action->service), "/", action->method);
  nlohmann::json request = {{action->first_field, args[0]}};
  std::vector<std::string> words;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i].find('=') != std::string::npos) {
      words.push_back(args[i]);
    } else if (*action->rest_field != '\0') {
      words.push_back(absl::StrCat(action->rest_field, "=", args[i]));
    } else {
      std::fprintf(cli.err, "'%s': expected FIELD=VALUE\nusage: polyctl %s\n", args[i].c_str(),
                   action->help);
      return kExitUsage;
    }
  }
  absl::StatusOr<nlohmann::json> built = RequestFromWords(method, words, request);
  if (!built.ok()) {
    std::fprintf(cli.err, "%s\n", std::string(built.status().message()).c_str());
    return kExitUsage;
  }
  CallResult r = CallJson(*cli.connection, action->service, method, *built);
  if (!r.ok) return Fail(cli, r.error);
  PrintResponse(cli, r.response);
  return kExitOk;
}

int RunCall(Cli& cli) {
  if (cli.args.size() < 2 || cli.args.size() > 3 || FullServiceName(cli.args[0]).empty()) {
    std::fprintf(cli.err,
                 "usage: polyctl call registry|accreditation|composition|routing METHOD "
                 "[JSON]\n");
    return kExitUsage;
  }
  const std::string& service = cli.args[0];
  std::string full = FullServiceName(service);
  // The audit log's read API is served beside accreditation's, composition's and routing's.
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  if (pool->FindMethodByName(absl::StrCat(full, ".", cli.args[1])) == nullptr &&
      pool->FindMethodByName(absl::StrCat("polylateral.audit.v1.AuditService.", cli.args[1])) !=
          nullptr) {
    full = "polylateral.audit.v1.AuditService";
  }
  const nlohmann::json request = nlohmann::json::parse(cli.args.size() == 3 ? cli.args[2] : "{}",
                                                       nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded() || !request.is_object()) {
    std::fprintf(cli.err, "the request must be a JSON object\n");
    return kExitUsage;
  }
  CallResult r =
      CallJson(*cli.connection, service, absl::StrCat("/", full, "/", cli.args[1]), request);
  if (!r.ok) return Fail(cli, r.error);
  std::fprintf(cli.out, "%s\n", r.response.dump(2).c_str());
  return kExitOk;
}

}  // namespace polylateral::polyctl
