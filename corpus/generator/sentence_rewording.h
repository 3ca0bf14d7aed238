// Rewording one sentence the way an editor does between versions: a figure
// updated, a word swapped, an attribution added, a clause cut. The result is
// an edited version of the same sentence (most of its words survive), not a
// new one, which is what "changed" means in the revision statistics.
#pragma once

#include "corpus/generator/random_stream.h"
#include "corpus/generator/sentence_writer.h"

#include <string>

namespace newsgen {

// Returns `sentence` with one or two small edits applied; never returns it
// unchanged. Requires a sentence ending in '.'.
std::string reword(const std::string& sentence, SentenceWriter& writer, RandomStream& random);

}  // namespace newsgen
