// The run's safe points and the test pauses at storage steps live with the
// storage steps (storage/interruption.h); the indexer uses them by these
// names.
#pragma once

#include "storage/interruption.h"

namespace newsindex::indexer {

using storage::catch_interruptions;
using storage::interrupted_run;
using storage::Interrupted;
using storage::interruption_point;
using storage::interruption_signal;
using storage::pause_point;

}  // namespace newsindex::indexer
