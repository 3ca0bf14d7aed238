// The made-up news outlets newsgen publishes under, and how each one spells
// its URLs and headlines. Domains use the reserved .example top-level domain
// so no generated URL points at a real site.
#pragma once

#include "schema/version_record.h"

#include <string>
#include <string_view>
#include <vector>

namespace newsgen {

struct Outlet {
    std::string_view source;   // the record's `source` key
    std::string_view domain;
    bool title_case;           // "Council Approves New Budget" vs "Council approves new budget"
};

// Ordered from the busiest outlet to the quietest.
const std::vector<Outlet>& outlets();

// The headline in the outlet's house style.
std::string styled_headline(const Outlet& outlet, std::string headline);

// https://<domain>/<section>/<yyyy>/<mm>/<slug>-<serial>, dated by the
// first capture; the serial keeps URLs unique within a run.
std::string article_url(const Outlet& outlet, std::string_view section,
                        newsindex::schema::CaptureTime first_capture, std::string_view headline,
                        std::uint64_t serial);

}  // namespace newsgen
