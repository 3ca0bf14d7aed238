// NewsDatabase::with_retry, included by database.h (templates live in the
// header). Kept apart so database.h reads as a contract.
#pragma once

#include <utility>

namespace newsindex::query {

template <typename Work>
auto NewsDatabase::with_retry(Work&& work)
    -> decltype(work(std::declval<const Xapian::Database&>())) {
    const auto deadline = std::chrono::steady_clock::now() + retry_budget_;
    for (int attempt = 1;; ++attempt) {
        try {
            return work(static_cast<const Xapian::Database&>(db_));
        } catch (const Xapian::DatabaseModifiedError& e) {
            // Outside the handler below, so that an error while reopening is
            // reported like any other instead of escaping raw.
            before_retry(e, attempt, deadline);
        } catch (const Xapian::DatabaseOpeningError& e) {
            // A shard gone under us (also DatabaseNotFoundError).
            before_retry(e, attempt, deadline);
        } catch (const Xapian::Error& e) {
            fail(e);
        }
    }
}

}  // namespace newsindex::query
