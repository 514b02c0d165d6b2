#include "undo_cancelled.hpp"

namespace klynge::detail {

CancelledRevisions cancelled_after(const std::vector<Revision>& revisions, std::int64_t r)
{
  // An undo is always later than what it undoes: from the last revision back, whether each is in force is known
  // before the revision it undoes is looked at.
  std::set<std::int64_t> undone;
  CancelledRevisions out;
  for (auto it = revisions.rbegin(); it != revisions.rend(); ++it) {
    const bool in_force = !undone.count(it->number);
    if (in_force && it->undoes) undone.insert(*it->undoes);
    if (it->number <= r) continue;
    if (!in_force) {
      out.all.insert(it->number);
    } else if (it->undoes && *it->undoes > r) {
      out.all.insert(it->number);
      out.undo_of[it->number] = *it->undoes;
    }
  }
  return out;
}

std::int64_t content_origin(std::int64_t current, const CancelledRevisions& cancelled,
                            const std::function<std::optional<std::int64_t>(std::int64_t undone)>& put_back_by)
{
  // Each step goes to an earlier revision, so the walk ends.
  for (auto u = cancelled.undo_of.find(current); u != cancelled.undo_of.end(); u = cancelled.undo_of.find(current)) {
    std::optional<std::int64_t> earlier = put_back_by(u->second);
    if (!earlier) break;
    current = *earlier;
  }
  return current;
}

std::optional<std::int64_t> undone_by(const std::vector<Revision>& revisions, std::int64_t r)
{
  // As cancelled_after: from the last revision back, whether an undo is in force is known when it is reached.
  std::set<std::int64_t> undone;
  for (auto it = revisions.rbegin(); it != revisions.rend(); ++it) {
    if (undone.count(it->number) || !it->undoes) continue;
    if (*it->undoes == r) return it->number;
    undone.insert(*it->undoes);
  }
  return std::nullopt;
}

}  // namespace klynge::detail
