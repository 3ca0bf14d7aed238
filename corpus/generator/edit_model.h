// How a newsroom revises a published article between captures. The rates
// follow the revision statistics published for NewsEdits (Spangher et al.,
// "NewsEdits: A News Article Revision Dataset", NAACL 2022): on average
// about 3.3 sentences added, 2.7 changed and 2.0 removed between
// consecutive versions, the headline rewritten in some versions. Counts per
// revision are geometric, so most revisions are small and a few are large.
#pragma once

#include "corpus/generator/article_draft.h"
#include "corpus/generator/random_stream.h"
#include "corpus/generator/sentence_writer.h"

#include <cstdint>

namespace newsgen {

// Hands out sentence lineage numbers, unique within one article.
class LineageCounter {
  public:
    std::uint64_t next() { return ++last_; }

  private:
    std::uint64_t last_ = 0;
};

// Writes the first version of an article: headline, standfirst and 12 to 25
// paragraphs of one to three sentences (about 500 to 1,000 words).
ArticleDraft write_first_draft(SentenceWriter& writer, RandomStream& random,
                               LineageCounter& lineages);

// Turns `draft` into its next version in place: removes, rewords and adds
// sentences, sometimes rewrites the headline or standfirst. The result
// always differs from the input.
void revise(ArticleDraft& draft, SentenceWriter& writer, RandomStream& random,
            LineageCounter& lineages);

}  // namespace newsgen
