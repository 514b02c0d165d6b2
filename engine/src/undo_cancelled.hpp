#pragma once
// Inside the stores: which later revisions an undo may look through. A correction that was undone, and the undo
// that undid it, together leave a record as it was: undoing an earlier revision steps back past them.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "klynge/store.hpp"

namespace klynge::detail {

/// The revisions after `r` whose changes to records cancel out: each one undone by an undo in force (an undo of it
/// that was not itself undone in turn), and each undo of a revision after `r` (it takes back what that one did, or,
/// for an undo of an undo, brings back an earlier revision after `r`, which then counts as that revision).
struct CancelledRevisions
{
  std::set<std::int64_t> all;
  std::map<std::int64_t, std::int64_t> undo_of;  ///< of the cancelled undos: the revision each undid

  bool contains(std::int64_t revision) const { return all.count(revision) != 0; }
};

CancelledRevisions cancelled_after(const std::vector<Revision>& revisions, std::int64_t r);

/// The undo in force that undid `r` (an undo of it not itself undone in turn), if any.
std::optional<std::int64_t> undone_by(const std::vector<Revision>& revisions, std::int64_t r);

/// The revision whose version a record's stored content is: `current` (the revision the record carries), or, where
/// that is a cancelled undo, the revision of the version it put back (`put_back_by(undone)`: the revision of the
/// record's version that `undone` superseded, if any), and so on.
std::int64_t content_origin(std::int64_t current, const CancelledRevisions& cancelled,
                            const std::function<std::optional<std::int64_t>(std::int64_t undone)>& put_back_by);

}  // namespace klynge::detail
