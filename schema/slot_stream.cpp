#include "schema/slot_stream.h"

#include <fmt/format.h>

namespace newsindex::schema {

SchemaError missing_value(Xapian::docid docid, Xapian::valueno slot) {
    return SchemaError(fmt::format("document {} has no value in slot {}; the database is damaged "
                                   "(rebuild it with newsindex)",
                                   docid, slot));
}

SlotStream::SlotStream(const Xapian::Database& db, Xapian::valueno slot)
    : it_(db.valuestream_begin(slot)), end_(db.valuestream_end(slot)), slot_(slot) {}

const std::string* SlotStream::find(Xapian::docid docid) {
    // Past its end an iterator cannot move again.
    if (it_ == end_) return nullptr;
    it_.skip_to(docid);
    if (it_ == end_ || it_.get_docid() != docid) return nullptr;
    value_ = *it_;
    return &value_;
}

const std::string& SlotStream::at(Xapian::docid docid) {
    if (const std::string* value = find(docid)) return *value;
    throw missing_value(docid, slot_);
}

}  // namespace newsindex::schema
