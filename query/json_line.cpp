#include "query/json_line.h"

namespace newsindex::query {

std::string json_line(const nlohmann::json& object) {
    return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace newsindex::query
