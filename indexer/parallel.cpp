#include "indexer/parallel.h"

namespace newsindex::indexer {

unsigned thread_count(unsigned requested) {
    return requested > 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace newsindex::indexer
