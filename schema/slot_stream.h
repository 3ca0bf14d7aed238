// Reading one value slot of many documents: along the slot's value stream,
// at increasing document numbers. Glass keeps each slot's values together
// in docid order, so a walk in that order reads each block once, where a
// document lookup per version (Document::get_value) seeks the stream anew
// for every value.
#pragma once

#include "schema/database_format.h"

#include <xapian.h>

#include <string>

namespace newsindex::schema {

// The error for document `docid` without a value in `slot`, a slot every
// version has: the database is damaged.
SchemaError missing_value(Xapian::docid docid, Xapian::valueno slot);

class SlotStream {
  public:
    SlotStream(const Xapian::Database& db, Xapian::valueno slot);

    // The value of `docid`, or nullptr when it has none. `docid` must not be
    // lower than the one asked for before; the pointer is valid until the
    // next call.
    const std::string* find(Xapian::docid docid);

    // The same for a slot every version has: a document without the value
    // means a damaged database (SchemaError naming document and slot).
    const std::string& at(Xapian::docid docid);

  private:
    Xapian::ValueIterator it_, end_;
    Xapian::valueno slot_;
    std::string value_;
};

}  // namespace newsindex::schema
