#include "klynge/ledger_stream.hpp"
#include "klynge/suggest.hpp"

#include "record_fields.hpp"

namespace klynge {

LedgerStream::LedgerStream(Store& store, Known known, std::vector<Diagnostic>& problems)
    : store_(store), known_(std::move(known)), problems_(problems), first_seq_(store.last_ledger_seq()),
      magnitude_(store.ledger_magnitude())
{
}

void LedgerStream::add(LedgerEntry& e)
{
  // The held entries are written first when this one needs the database as it would be with them written (a
  // reversal looks up its original; a row with problems, its id), or once problems were found (from then on
  // every entry is written at once, so that the problems stay in row order).
  if (!e.reverses.empty() || !problems_.empty()) flush();
  const std::size_t before = problems_.size();
  auto need = [&](const std::unordered_set<std::string>& set, const std::string& id, const ColumnSpec& column,
                  RecordKind kind) {
    if (!id.empty() && !set.count(id))
      problems_.push_back(e.src.problem(detail::name_of(column), "unknown " + std::string(spec_for(kind).singular) + " '" + id + "'" +
                                                            did_you_mean(id, set)));
  };
  need(known_.bodies, e.body, detail::column::body, RecordKind::bodies);
  need(known_.initiatives, e.initiative, detail::column::initiative, RecordKind::initiatives);
  need(known_.bodies, e.counterparty, detail::column::counterparty, RecordKind::bodies);
  need(known_.decisions, e.decision, detail::column::decision, RecordKind::decisions);
  if (!e.counterparty.empty() && e.kind != EntryKind::contribution)
    problems_.push_back(e.src.problem(detail::name_of(detail::column::counterparty), "only a contribution names a counterparty (the paying body)"));
  if (!e.counterparty.empty() && e.counterparty == e.body)
    problems_.push_back(e.src.problem(detail::name_of(detail::column::counterparty), "a body cannot co-fund itself"));
  if (!e.reverses.empty()) {
    auto o = store_.ledger_entry(e.reverses);
    if (!o)
      problems_.push_back(e.src.problem(detail::name_of(detail::column::reverses), "unknown ledger entry '" + e.reverses + "' to reverse"));
    else if (!o->reverses.empty())
      problems_.push_back(e.src.problem(detail::name_of(detail::column::reverses), "'" + o->id + "' is itself a reversal and cannot be reversed"));
    else if (store_.is_reversed(o->id))
      problems_.push_back(e.src.problem(detail::name_of(detail::column::reverses), "'" + o->id + "' is already reversed"));
    else if (o->kind != e.kind)
      problems_.push_back(e.src.problem(detail::name_of(detail::column::kind), "a reversal has the kind of the entry it reverses ('" +
                                                    std::string(to_text(o->kind)) + "')"));
    else if (o->amount != e.amount)
      problems_.push_back(e.src.problem(detail::name_of(detail::column::amount), "a reversal has the amount of the entry it reverses (" +
                                                      format_money(o->amount, MoneyStyle::plain) + ")"));
    else if (e.date < o->date)
      problems_.push_back(e.src.problem(detail::name_of(detail::column::date), "the reversal is dated before the entry it reverses (" + o->date.iso() + ")"));
    else if (o->body != e.body || o->initiative != e.initiative || o->counterparty != e.counterparty)
      problems_.push_back(e.src.problem(detail::name_of(detail::column::reverses), "a reversal names the body, initiative and counterparty of '" +
                                                        o->id + "'"));
  }
  // Every figure is a sum of amounts: the amounts together must stay countable (see max_total_ore). Named at
  // the row that goes over, so that no report fails later.
  const std::int64_t size = e.amount.is_negative() ? -e.amount.ore() : e.amount.ore();
  if (problems_.size() == before) {
    if (size > max_total_ore - magnitude_)
      problems_.push_back(e.src.problem(detail::name_of(detail::column::amount), "the ledger's amounts would add up to more than " +
                                                      format_money(Money::from_ore(max_total_ore), MoneyStyle::danish) +
                                                      ", more than klynge sums safely"));
    else
      magnitude_ += size;
  }
  // The id is checked by the insert itself (one index seek, not two); an entry with other problems is not
  // written, so its id is looked up to report it first, as the row's first problem.
  if (problems_.size() != before) {
    // This row's problems come after those of the held entries.
    std::vector<Diagnostic> mine(problems_.begin() + std::ptrdiff_t(before), problems_.end());
    problems_.resize(before);
    flush();
    if (store_.ledger_entry(e.id)) mine.insert(mine.begin(), id_problem(e));
    problems_.insert(problems_.end(), mine.begin(), mine.end());
    return;
  }
  if (problems_.empty()) {
    batch_.push_back(std::move(e));
    if (batch_.size() == Store::entry_batch) flush();
    return;
  }
  if (!store_.insert_entry(e)) {
    problems_.push_back(id_problem(e));
    return;
  }
  written(e);
}

void LedgerStream::written(const LedgerEntry& e)
{
  ++written_;
  if (!place_.columns) place_ = e.src;
}

void LedgerStream::flush()
{
  if (batch_.empty()) return;
  const std::vector<std::size_t> taken = store_.insert_entries(batch_);
  std::vector<Diagnostic> found;
  for (std::size_t i = 0, t = 0; i < batch_.size(); ++i) {
    if (t < taken.size() && taken[t] == i) {
      found.push_back(id_problem(batch_[i]));
      ++t;
    } else {
      written(batch_[i]);
    }
  }
  // Entries are held only while there are no problems: theirs come before any found since (later rows').
  problems_.insert(problems_.begin(), found.begin(), found.end());
  batch_.clear();
}

Diagnostic LedgerStream::id_problem(const LedgerEntry& e) const
{
  auto stored = store_.ledger_entry(e.id);
  if (stored && stored->seq > first_seq_)
    return e.src.problem(detail::name_of(detail::column::id), "duplicate ledger id '" + e.id + "' (first at " + stored->origin + ")");
  return e.src.problem(detail::name_of(detail::column::id), "ledger id '" + e.id + "' is already in the database");
}

void LedgerStream::finish()
{
  flush();
  finish_checks();
  // The running totals are kept in the same transaction as the rows they sum (nothing to keep after problems:
  // the import will not commit).
  if (problems_.empty() && written_ > 0) store_.update_totals(first_seq_);
}

void LedgerStream::finish_checks()
{
  const Source& place = place_;
  for (const auto& r : store_.over_released(first_seq_)) {
    // The origin is `file:line` for a file, or the command for `add`: name the amount of that row.
    Source at = place;
    if (!place.file.empty()) {
      auto colon = r.origin.rfind(':');
      at.file = r.origin.substr(0, colon);
      at.line = std::stoll(r.origin.substr(colon + 1));
    }
    problems_.push_back(at.problem(
        detail::name_of(detail::column::amount), "releases more than is reserved for " +
                      (r.initiative.empty() ? "the pool of '" + r.body + "'" : "'" + r.initiative + "'") + " on " +
                      r.date.iso() + " (reserved: " + format_money(r.reserved_before, MoneyStyle::plain) + ")"));
  }
}

}  // namespace klynge
