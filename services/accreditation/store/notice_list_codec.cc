#include "services/accreditation/store/notice_list_codec.h"

#include "nlohmann/json.hpp"

namespace polylateral::accreditation {
namespace {

int64_t Ms(absl::Time t) { return absl::ToUnixMillis(t); }
absl::Time FromMs(const nlohmann::json& j) { return absl::FromUnixMillis(j.get<int64_t>()); }

}  // namespace

std::string NoticeListJson(const NoticeList& l) {
  nlohmann::json ext = nlohmann::json::array();
  for (const auto& e : l.extensions) {
    ext.push_back({{"by", e.by},
                   {"at", Ms(e.at)},
                   {"old", Ms(e.old_deadline)},
                   {"new", Ms(e.new_deadline)},
                   {"reason", e.reason}});
  }
  return nlohmann::json{{"p", l.process},
                        {"id", l.id},
                        {"apps", l.applications},
                        {"dl", Ms(l.deadline)},
                        {"ct", Ms(l.create_time)},
                        {"cby", l.created_by},
                        {"ext", ext},
                        {"v", l.version}}
      .dump();
}

absl::StatusOr<NoticeList> NoticeListFromJson(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return absl::InternalError("malformed notice list record");
  try {
    NoticeList l;
    l.process = j.at("p").get<std::string>();
    l.id = j.at("id").get<std::string>();
    l.applications = j.at("apps").get<std::vector<std::string>>();
    l.deadline = FromMs(j.at("dl"));
    l.create_time = FromMs(j.at("ct"));
    l.created_by = j.at("cby").get<std::string>();
    for (const auto& e : j.at("ext")) {
      l.extensions.push_back({e.at("by").get<std::string>(), FromMs(e.at("at")),
                              FromMs(e.at("old")), FromMs(e.at("new")),
                              e.at("reason").get<std::string>()});
    }
    l.version = j.at("v").get<int64_t>();
    return l;
  } catch (const nlohmann::json::exception&) {
    return absl::InternalError("malformed notice list record");
  }
}

}  // namespace polylateral::accreditation
