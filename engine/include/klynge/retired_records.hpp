#pragma once
// Records retired in place (schema 15): an undo of an import that brought bodies, initiatives or decisions together
// with ledger entries naming them retires the records, and the ledger keeps the entries (reversed). An export
// writes such records to `retired-FILE.csv` beside the others, so that its ledger imports into other books; an
// import stores them retired, for the ledger alone.
#include <optional>
#include <string>
#include <string_view>

#include "klynge/interchange.hpp"
#include "klynge/model.hpp"

namespace klynge {

/// The records to write as retired: those the ledger of `data` names, directly or through another such record, that
/// `data` does not hold in force. `candidates` are the stored retired records and earlier versions, each stamped
/// with the revision that retired or superseded it (Store::retired_records(), Store::earlier_versions()); of a
/// record, the version stamped last up to `known_at` (any, without it) is taken.
Dataset retired_named_by(const Dataset& data, Dataset candidates, std::optional<std::int64_t> known_at);

/// `retired-bodies.csv` for the bodies' spec.
std::string retired_file_name(const FileSpec& spec);
/// The spec of a `retired-FILE.csv` name (bodies, groups, initiatives, meetings, decisions); nothing otherwise.
const FileSpec* spec_for_retired_file(std::string_view name);

}  // namespace klynge
