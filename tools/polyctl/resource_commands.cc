// polyctl get, list, apply and delete: the standard methods of every kind in the resource
// table, called generically with JSON requests.
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/polyctl/cli.h"
#include "tools/polyctl/exit_codes.h"
#include "tools/polyctl/generic_call.h"
#include "tools/polyctl/resource_kinds.h"
#include "tools/polyctl/structured_file.h"

namespace polylateral::polyctl {
namespace {

std::string Method(const ResourceKind& kind, const std::string& name) {
  return absl::StrCat("/", kind.service_name, "/", name);
}

int Fail(Cli& cli, const CallError& e) {
  if (cli.format == OutputFormat::kJson) {
    std::fprintf(cli.out, "%s\n", CallErrorJson(e).dump(2).c_str());
  }
  std::fprintf(cli.err, "%s\n", FormatCallError(e).c_str());
  return ExitCodeOf(e);
}

int Usage(Cli& cli, const std::string& message) {
  std::fprintf(cli.err, "%s\n", message.c_str());
  return kExitUsage;
}

const std::vector<std::string>& Columns(const Cli& cli, const ResourceKind& kind) {
  return cli.columns.empty() ? kind.columns : cli.columns;
}

void PrintOne(Cli& cli, const ResourceKind& kind, const nlohmann::json& resource) {
  Print(cli.out, cli.format, resource, {resource}, Columns(cli, kind));
}

// `get NAME` or `get KIND ID`: the resource name either way.
std::string NameFromArgs(const std::vector<std::string>& args) {
  if (args.size() == 1) return args[0];
  if (args.size() == 2) {
    if (const ResourceKind* kind = FindKind(args[0]); kind != nullptr) {
      return absl::StrCat(kind->kind, "/", args[1]);
    }
  }
  return "";
}

}  // namespace

int RunGet(Cli& cli) {
  const std::string name = NameFromArgs(cli.args);
  const ParsedName parsed = ParseResourceName(name);
  if (parsed.kind == nullptr || parsed.kind->get.empty()) {
    return Usage(cli,
                 "usage: polyctl get NAME (stakeholders/acme, processes/p/applications/a) "
                 "or get KIND ID");
  }
  const ResourceKind& kind = *parsed.kind;
  CallResult r = CallJson(*cli.connection, kind.service, Method(kind, kind.get), {{"name", name}});
  if (!r.ok) return Fail(cli, r.error);
  PrintOne(cli, kind, r.response);
  return kExitOk;
}

int RunList(Cli& cli) {
  if (cli.args.empty()) return Usage(cli, "usage: polyctl list KIND [PARENT] [FIELD=VALUE...]");
  const ResourceKind* kind = FindKind(cli.args[0]);
  if (kind == nullptr || kind->list.empty()) {
    return Usage(cli, absl::StrCat("cannot list '", cli.args[0], "'"));
  }
  std::vector<std::string> words(cli.args.begin() + 1, cli.args.end());
  nlohmann::json request = nlohmann::json::object();
  if (!ParentFits(*kind, "")) {
    if (words.empty() || !ParentFits(*kind, words[0])) {
      return Usage(cli, absl::StrCat("list ", kind->kind, " needs its parent: ", kind->pattern));
    }
    request["parent"] = words[0];
    words.erase(words.begin());
  }
  const std::string method = Method(*kind, kind->list);
  absl::StatusOr<nlohmann::json> built = RequestFromWords(method, words, request);
  if (!built.ok()) return Usage(cli, std::string(built.status().message()));
  request = *built;
  if (cli.page_size > 0) request["pageSize"] = cli.page_size;
  if (!cli.page_token.empty()) request["pageToken"] = cli.page_token;

  std::vector<nlohmann::json> items;
  nlohmann::json last;
  while (true) {
    CallResult r = CallJson(*cli.connection, kind->service, method, request);
    if (!r.ok) return Fail(cli, r.error);
    if (auto it = r.response.find(kind->list_field); it != r.response.end()) {
      for (const auto& item : *it) items.push_back(item);
    }
    last = r.response;
    const std::string token = r.response.value("nextPageToken", "");
    if (!cli.all_pages || token.empty()) break;
    request["pageToken"] = token;
  }
  nlohmann::json document = last;
  document[kind->list_field] = items;
  if (cli.all_pages) document.erase("nextPageToken");
  Print(cli.out, cli.format, document, items, Columns(cli, *kind));
  if (cli.format == OutputFormat::kTable && document.contains("nextPageToken")) {
    std::fprintf(cli.err, "more: --page_token=%s (or --all)\n",
                 document["nextPageToken"].get<std::string>().c_str());
  }
  return kExitOk;
}

int RunApply(Cli& cli, const std::string& file) {
  if (file.empty()) return Usage(cli, "usage: polyctl apply -f FILE.yaml|FILE.json");
  absl::StatusOr<nlohmann::json> doc = ReadStructuredFile(file);
  if (!doc.ok()) {
    std::fprintf(cli.err, "%s\n", std::string(doc.status().message()).c_str());
    return kExitBadInput;
  }
  std::vector<nlohmann::json> objects;
  if (doc->is_array()) {
    for (const auto& o : *doc) objects.push_back(o);
  } else {
    objects.push_back(*doc);
  }
  // Every object is checked before the first call: a file with a bad object writes nothing.
  for (size_t i = 0; i < objects.size(); ++i) {
    const nlohmann::json& o = objects[i];
    const ParsedName parsed = ParseResourceName(
        o.is_object() && o.contains("name") && o["name"].is_string() ? o["name"].get<std::string>()
                                                                     : "");
    if (parsed.kind == nullptr || parsed.kind->create.empty()) {
      std::fprintf(cli.err,
                   "%s: object %zu: `name` must name a resource polyctl can create "
                   "(stakeholders/ID, processes/ID, ...)\n",
                   file.c_str(), i + 1);
      return kExitBadInput;
    }
  }
  std::vector<nlohmann::json> results;
  for (nlohmann::json object : objects) {
    const std::string name = object["name"];
    const ParsedName parsed = ParseResourceName(name);
    const ResourceKind& kind = *parsed.kind;
    std::string action;
    CallResult r;
    CallResult current;
    if (!kind.get.empty()) {
      current = CallJson(*cli.connection, kind.service, Method(kind, kind.get), {{"name", name}});
      if (!current.ok && current.error.code != grpc::StatusCode::NOT_FOUND) {
        return Fail(cli, current.error);
      }
    }
    if (current.ok) {
      if (kind.update.empty()) {
        std::fprintf(cli.err, "%s exists and %s cannot be updated\n", name.c_str(),
                     kind.kind.c_str());
        return kExitConflict;
      }
      // The file's etag when it has one (a stale one fails with ABORTED); otherwise the one
      // just read, so a change made meanwhile by someone else is not overwritten.
      if (!object.contains("etag") && current.response.contains("etag")) {
        object["etag"] = current.response["etag"];
      }
      r = CallJson(*cli.connection, kind.service, Method(kind, kind.update),
                   {{kind.body_field, object}});
      action = "updated";
    } else {
      nlohmann::json request = {{kind.body_field, object}};
      request[kind.body_field].erase("name");
      request[kind.body_field].erase("etag");
      if (!parsed.parent.empty()) request["parent"] = parsed.parent;
      if (!kind.id_field.empty()) request[kind.id_field] = parsed.id;
      r = CallJson(*cli.connection, kind.service, Method(kind, kind.create), request);
      action = "created";
    }
    if (!r.ok) {
      std::fprintf(cli.err, "%s: ", name.c_str());
      return Fail(cli, r.error);
    }
    if (cli.format == OutputFormat::kTable) {
      std::fprintf(cli.out, "%s %s\n", action.c_str(), r.response.value("name", name).c_str());
    }
    results.push_back(r.response);
  }
  if (cli.format == OutputFormat::kJson) {
    const nlohmann::json out = results.size() == 1 ? results[0] : nlohmann::json(results);
    std::fprintf(cli.out, "%s\n", out.dump(2).c_str());
  }
  return kExitOk;
}

int RunDelete(Cli& cli, const std::string& etag) {
  const std::string name = NameFromArgs(cli.args);
  const ParsedName parsed = ParseResourceName(name);
  if (parsed.kind == nullptr || parsed.kind->remove.empty()) {
    return Usage(cli, "usage: polyctl delete NAME [--etag ETAG] (a kind that can be deleted)");
  }
  nlohmann::json request = {{"name", name}};
  if (!etag.empty()) request["etag"] = etag;
  CallResult r = CallJson(*cli.connection, parsed.kind->service,
                          Method(*parsed.kind, parsed.kind->remove), request);
  if (!r.ok) return Fail(cli, r.error);
  if (cli.format == OutputFormat::kJson) {
    std::fprintf(cli.out, "%s\n", nlohmann::json({{"deleted", name}}).dump(2).c_str());
  } else {
    std::fprintf(cli.out, "deleted %s\n", name.c_str());
  }
  return kExitOk;
}

}  // namespace polylateral::polyctl
