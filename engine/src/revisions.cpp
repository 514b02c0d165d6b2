#include "klynge/revisions.hpp"
#include "ledger_sql.hpp"
#include "undo_cancelled.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "klynge/check.hpp"
#include "klynge/csv.hpp"
#include "klynge/ledger_identity.hpp"
#include "klynge/rules.hpp"
#include "klynge/store.hpp"

namespace klynge {

namespace {

/// The re-entry through which `id` is in force again after it was reversed (`ID~N`, or one of its own re-entries
/// that is), if any: an entry is in force when it is not reversed, or when a re-entry of it is in force.
std::optional<Store::StoredEntry> in_force_again(const Store& store, const std::string& id)
{
  for (int n = 1;; ++n) {
    auto again = store.ledger_entry(reentry_id(id, n));
    if (!again) return std::nullopt;  // re-entries take the first free number: there is none after a gap
    if (!store.reversed_in(again->id)) return again;
    if (auto deeper = in_force_again(store, again->id)) return deeper;
  }
}

/// The entry through which the entry `id` stands for is in force now: `id` is one life of its root entry (the id
/// before its first `~`), which a reversal ends and a re-entry (`ROOT~N`, `ROOT~N~M`) begins again.
std::optional<Store::StoredEntry> life_in_force(const Store& store, const std::string& id)
{
  const std::string root = id.substr(0, id.find('~'));
  if (!store.reversed_in(root)) return store.ledger_entry(root);
  return in_force_again(store, root);
}

/// The lives of the entry `root` (itself and its re-entries, `ROOT~N`, `ROOT~N~M`, any depth) that still count on or
/// after `date`, each with the reversal that ends it later. A life counts from its date until its reversal's: one
/// reversed on or before both its own date and `date` overlaps a life that begins on `date` on no date. (plan_undo
/// keeps the same rule for an undo of an undo.) Called when no life of the entry is in force, so each is reversed.
void counting_on_after(const Store& store, const std::string& id, Date date,
                       std::vector<std::pair<Store::StoredEntry, LedgerEntry>>& out)
{
  if (auto life = store.ledger_entry(id))
    if (auto reversal = store.reversal_of(id); reversal && reversal->date > date && reversal->date > life->date)
      out.emplace_back(*life, *reversal);
  for (int n = 1;; ++n) {
    const std::string again = reentry_id(id, n);
    if (!store.ledger_entry(again)) return;  // re-entries take the first free number: there is none after a gap
    counting_on_after(store, again, date, out);
  }
}

/// Why the original of a reversal cannot come back as a re-entry on `date`, if it cannot: another life of the same
/// entry is in force, or one that came back before counts on or after `date` (the two would count it twice).
std::optional<std::string> comes_back_refused(const Store& store, const std::string& original, Date date)
{
  if (auto life = life_in_force(store, original))
    return "'" + original + "', the entry it reversed, is in force again as '" + life->id + "' (in revision " +
           std::to_string(life->revision) + ")";
  std::vector<std::pair<Store::StoredEntry, LedgerEntry>> lives;
  counting_on_after(store, original.substr(0, original.find('~')), date, lives);
  if (lives.empty()) return std::nullopt;
  // Named: the life that counts longest, and the date from which the entry may come back.
  const auto& [again, reversal] = *std::max_element(lives.begin(), lives.end(), [](const auto& a, const auto& b) {
    return a.second.date < b.second.date;
  });
  return "'" + original + "', the entry it reversed, counts again as '" + again.id + "' (in revision " +
         std::to_string(again.revision) + ") until " + reversal.date.iso() + ", after " + date.iso() + ": give --date " +
         reversal.date.iso() + " or later";
}

/// The problems of a write of the command's own entry, told of it: `reverse` takes no --body, so a problem of the
/// entry's body (unknown: retired, say) is not one of an option; its own --date and --note stay so.
DataError told_of(const std::string& what, const DataError& err)
{
  std::vector<Diagnostic> problems = err.problems();
  for (auto& p : problems)
    if (!p.where.option.empty() && p.where.option != "--date" && p.where.option != "--note") {
      p.where = Location{};
      p.message = what + ": " + p.message;
    }
  return DataError(std::move(problems));
}

/// The reversal of a reversal (design §9): its original comes back as a re-entry (`ID~N`), as an undo brings it
/// back; a reversal counts negative always, so it is not reversed itself. Checked and made inside the write
/// transaction, so that two writers cannot both bring it back.
ImportResult reenter_original(Store& store, const std::string& reversal_id, std::optional<Date> date,
                              std::optional<std::string> note, const WriteOptions& options)
{
  std::string id;
  auto make = [&](Dataset& incoming) {
    std::optional<LedgerEntry> reversal = store.full_entry(reversal_id);
    std::optional<LedgerEntry> original = reversal ? store.full_entry(reversal->reverses) : std::nullopt;
    std::optional<Store::StoredEntry> stored = reversal ? store.ledger_entry(reversal->reverses) : std::nullopt;
    if (!original || !stored) throw std::logic_error("reverse: the original of '" + reversal_id + "' vanished");
    LedgerEntry e = *original;
    e.date = date.value_or(reversal->date);
    // Before the reversal's date the original counts already: a re-entry then would count it twice.
    if (e.date < reversal->date)
      throw DataError(std::vector<Diagnostic>{{Location::of_option("--date"), Severity::error,
                                               "the entry comes back on or after the reversal it cancels (" +
                                                   reversal->date.iso() + "), else it would count twice"}});
    if (auto why = comes_back_refused(store, original->id, e.date))
      throw DataError("the reversal '" + reversal_id + "' is cancelled already: " + *why);
    // As for an undo of the reversal: a later version of the entry's sheet may hold a corrected row in its place.
    if (auto r = store.ledger_entry(reversal_id)) {
      const detail::CancelledRevisions cancelled = detail::cancelled_after(store.revisions(), r->revision);
      for (const auto& [entry, by] : store.sheet_versions_after(r->revision))
        if (entry == original->id && !cancelled.contains(by)) {
          const UndoDependent d = sheet_went_on(entry, by);
          throw DataError("the reversal '" + reversal_id + "' cannot be reversed: " + d.what + " (" + d.way_out + ")");
        }
    }
    e.note = note.value_or("reversal of " + reversal_id + ": " + original->id + " entered again");
    e.origin = "reverse " + options.recorded_at;
    e.sheet_file = stored->sheet_file;  // it stands for the original's row of its sheet, as the original did
    e.src = Source{};
    // The first free number: a life that came back before and ended keeps its own.
    for (int n = 1;; ++n)
      if (!store.ledger_entry(id = reentry_id(original->id, n))) break;
    e.id = id;
    incoming.ledger.push_back(std::move(e));
  };
  try {
    ImportResult result = write_records(store, Dataset{}, options, make);
    result.reentered = id;
    return result;
  } catch (const DataError& err) {
    throw told_of("the entry '" + reversal_id + "' reverses, entered again", err);
  }
}

DataError already_reversed(const Store& store, const std::string& id, std::int64_t by)
{
  // Entered again since (an undo of its reversal, or `reverse` of the reversal): the life of the entry in force, a
  // re-entry `ROOT~N` or `ROOT~N~M`, is the one to reverse.
  std::string again;
  store.read_consistently([&]() {
    if (auto life = life_in_force(store, id); life && life->id != id) again = life->id;
  });
  return DataError("ledger entry '" + id + "' is already reversed (in revision " + std::to_string(by) +
                   "; see klynge history)" +
                   (again.empty() ? std::string() : "; it was entered again as '" + again + "': reverse that"));
}

}  // namespace

ImportResult reverse_entry(Store& store, const std::string& id, std::optional<Date> date,
                           std::optional<std::string> note, const WriteOptions& options)
{
  std::optional<LedgerEntry> original;
  std::optional<std::int64_t> reversed_in;
  store.read_consistently([&]() {
    original = store.full_entry(id);
    if (original) reversed_in = store.reversed_in(id);
  });
  if (!original) throw DataError("unknown ledger entry '" + id + "' (see klynge list ledger)");
  // Said of the entry the command names (the write would name the generated reversal's column).
  if (reversed_in)
    throw already_reversed(store, id, *reversed_in);
  if (note && is_undo_note(*note))
    throw DataError(std::vector<Diagnostic>{{Location::of_option("--note"), Severity::error, undo_note_refused}});
  if (const auto why = note ? field_value_problem(*note) : std::nullopt)
    throw DataError(std::vector<Diagnostic>{{Location::of_option("--note"), Severity::error, *why}});
  if (!original->reverses.empty()) return reenter_original(store, id, date, note, options);
  LedgerEntry e = *original;
  e.reverses = id;
  e.date = date.value_or(original->date);
  e.note = note.value_or("reversal of " + id);
  e.origin = "reverse " + options.recorded_at;
  e.sheet_file.reset();
  // Its id from its content like any row; naming the entry it reverses makes it unique.
  e.id = content_id(ledger_content(e), 1);
  e.src = Source{};
  Dataset incoming;
  incoming.ledger.push_back(std::move(e));
  try {
    return write_records(store, std::move(incoming), options);
  } catch (const DataError& err) {
    // Reversed by another writer between the look above and this write: told as above, not by the generated
    // reversal's column (`--reverses: … is already reversed`).
    std::optional<std::int64_t> by;
    store.read_consistently([&]() { by = store.reversed_in(id); });
    if (by)
      throw already_reversed(store, id, *by);
    // The reversal is the command's, not a row with columns or options (`reverse` takes no --amount): its problems
    // are told of the entry it reverses.
    throw told_of("the reversal of '" + id + "'", err);
  }
}

ImportResult undo_revision(Store& store, std::int64_t revision, const WriteOptions& opt)
{
  ImportResult result;
  Store::Transaction tx(store, Store::Transaction::Kind::write);
  const std::int64_t last = store.last_revision();
  if (revision < 1 || revision > last)
    throw DataError("there is no revision " + std::to_string(revision) + " (the last is " + std::to_string(last) + ")");
  // Undone already (by an undo that is itself in force): say so, rather than what its records depend on.
  if (const auto u = detail::undone_by(store.revisions(), revision))
    throw DataError("revision " + std::to_string(revision) + " was undone already, by revision " + std::to_string(*u) +
                    " (to have it again, undo revision " + std::to_string(*u) + ")");
  const std::int64_t number = store.begin_revision();
  UndoPlan plan = store.plan_undo(revision);
  // A reversal of the revision brings its original back: not while another life of that entry is in force (a
  // sheet re-imported after an undo enters it again as a sibling, `ID~2`, which the store's check does not name).
  for (const auto& id : plan.reverse)
    if (auto e = store.ledger_entry(id); e && !e->reverses.empty())
      if (auto life = life_in_force(store, e->reverses); life && life->revision > revision) {
        UndoDependent d = came_again(life->id, life->revision, std::nullopt);
        if (std::find(plan.dependents.begin(), plan.dependents.end(), d) == plan.dependents.end())
          plan.dependents.push_back(std::move(d));
      }
  // An entry and its reversal, both of the revision (an export that held an undo, a sheet with its own reversing
  // row): on one date they cancel out, and neither is reversed again (an entry is reversed once). Dated apart, the
  // days between them count the entry, which no reversal can take back (none is dated before its original).
  std::set<std::string> cancelled;
  const std::set<std::string> of_revision(plan.reverse.begin(), plan.reverse.end());
  for (const auto& id : plan.reverse)
    if (auto e = store.ledger_entry(id); e && !e->reverses.empty() && of_revision.count(e->reverses)) {
      if (auto o = store.ledger_entry(e->reverses); o && o->date == e->date && o->category == e->category) {
        cancelled.insert(id);
        cancelled.insert(e->reverses);
      } else {
        auto named = [](const std::string& c) { return c.empty() ? std::string("none") : "'" + c + "'"; };
        const std::string category = named(o->category), reversal_category = named(e->category);
        plan.dependents.push_back(
            {"entry '" + e->reverses + "' (" + o->date.iso() + ", category " + category + ") and its reversal '" + id +
                 "' (" + e->date.iso() + ", category " + reversal_category + ") are both of it",
             (o->date == e->date ? std::string("the entry counted under one category and its reversal under another")
                                 : "the entry counted from " + o->date.iso() + " to " + e->date.plus_days(-1).iso()) +
                 ", which no undo can take back" +
                 (plan.reverse.size() > 2 ? ": reverse the revision's other entries by hand instead" : "")});
      }
    }
  if (!plan.dependents.empty()) {
    std::vector<Diagnostic> problems;
    // A record changed again is found by each of its versions (a correction retires one and adds one): told once.
    std::set<std::pair<std::string, std::string>> told;
    for (const auto& d : plan.dependents) {
      if (!told.emplace(d.what, d.way_out).second) continue;
      problems.push_back({Location{}, Severity::error,
                          "revision " + std::to_string(revision) + " cannot be undone: " + d.what + " (" +
                              d.way_out + ")"});
    }
    throw DataError(std::move(problems));
  }
  std::vector<Diagnostic> warnings_before;
  if (opt.warn_as_of) warnings_before = store_warnings(store, *opt.warn_as_of);
  // A key keeps a share above zero (as an import requires): an undo that takes away its last such share leaves
  // a key nothing can be split by. Only a key the undo takes there is its concern (books from before the rule may
  // hold one already, which check names).
  auto keys_above_zero = [&]() {
    std::map<std::string, bool> above_zero;
    for (const auto& k : store.load(Store::Ledger::none, std::nullopt, {RecordKind::keys}).keys)
      above_zero[k.key] = above_zero[k.key] || !k.share.is_zero();
    return above_zero;
  };
  const auto keys_before = keys_above_zero();
  store.undo_records(revision);
  {
    std::vector<Diagnostic> problems;
    for (const auto& [key, any] : keys_above_zero())
      if (!any && keys_before.count(key) && keys_before.at(key))
        problems.push_back({Location{}, Severity::error,
                            "revision " + std::to_string(revision) + " cannot be undone: every share of key '" + key +
                                "' left would be zero (give the key a share above zero first)"});
    if (!problems.empty()) throw DataError(std::move(problems));
  }
  const std::int64_t first_seq = store.last_ledger_seq();
  const std::string note = undo_note(revision);
  std::size_t entries = 0;
  WrittenEntries written;  // what the warnings it causes are judged by
  written.ledger_was_empty = first_seq == 0;
  // Every figure is a sum of amounts: with its entries the ledger's amounts must stay countable, as for any write
  // (an undo's entries count as much as an import's).
  std::int64_t magnitude = store.ledger_magnitude();
  for (const auto& id : plan.reverse) {
    if (cancelled.count(id)) continue;
    std::optional<LedgerEntry> e = store.full_entry(id);
    if (!e) throw std::logic_error("undo: entry '" + id + "' vanished");
    LedgerEntry w;
    if (e->reverses.empty()) {
      // Dated as the original: as of every date, as if the revision had not happened.
      w = *e;
      w.reverses = id;
      w.note = note;
      w.sheet_file.reset();
      w.id = content_id(ledger_content(w), 1);
    } else {
      // A reversal is not reversed in turn (a reversal counts negative, always): its original comes back, on the
      // reversal's date (as of every date, as if the reversal had not happened: before it, the original counts
      // alone; from it, the reversal and the re-entry cancel out).
      std::optional<LedgerEntry> o = store.full_entry(e->reverses);
      if (!o) throw std::logic_error("undo: entry '" + e->reverses + "' vanished");
      w = *o;
      w.date = e->date;
      w.sheet_file = store.ledger_entry(o->id)->sheet_file;
      for (int n = 1;; ++n)
        if (!store.ledger_entry(w.id = reentry_id(o->id, n))) break;
    }
    w.origin = "undo " + opt.recorded_at;
    if (const std::int64_t size = w.amount.is_negative() ? -w.amount.ore() : w.amount.ore(); size > max_total_ore - magnitude)
      throw DataError("revision " + std::to_string(revision) + " cannot be undone: with its entry for '" + e->id +
                      "' the ledger's amounts would add up to more than " +
                      format_money(Money::from_ore(max_total_ore), MoneyStyle::danish) +
                      ", more than klynge sums safely");
    else
      magnitude += size;
    if (!store.insert_entry(w)) throw DataError("undo: the entry id '" + w.id + "' is taken; nothing was written");
    if (!written.latest || *written.latest < w.date) written.latest = w.date;
    if (!w.initiative.empty()) {
      written.initiatives.insert(w.initiative);
      written.initiative_dates.insert(w.date);
    }
    if (lowers_free(w)) {
      written.lowering_dates.insert(w.date);
      add_pools_lowered(w, written.pools_lowered);
    }
    ++entries;
  }
  // What the undo retires stays in place for the ledger; an entry written later that counts and names it depends on
  // the revision.
  {
    std::vector<std::pair<std::string, std::string>> refs;
    for (const auto& n : store.entries_naming_retired(0, number))
      if (n.revision != number)
        refs.emplace_back("ledger", detail::undo_blocked_by_reference("entry '" + n.entry + "'", n.parent));
    // An entry the undo brings back (the original of a reversal it takes back) may name a record retired before.
    for (const auto& n : store.entries_naming_retired(first_seq, std::nullopt))
      refs.emplace_back("ledger", "the entry it would bring back, '" + n.entry + "', names the " +
                                      std::string(spec_for_table(n.parent).singular) + " '" + n.key +
                                      "', which is retired (import it again first)");
    if (!refs.empty()) throw DataError(detail::undo_blocked_problems(revision, std::move(refs)));
  }
  // A reservation of the revision that was partly released since cannot be taken back whole.
  if (entries) {
    std::vector<Diagnostic> problems;
    for (const auto& o : store.over_released(first_seq))
      problems.push_back({Location{}, Severity::error,
                          "revision " + std::to_string(revision) + " cannot be undone: what is reserved for " +
                              (o.initiative.empty() ? "the pool of '" + o.body + "'" : "'" + o.initiative + "'") +
                              " would go below zero on " + o.date.iso() + " at the entry from " + o.origin +
                              " (reserved then: " + format_money(o.reserved_before, MoneyStyle::plain) +
                              (o.origin.rfind("undo ", 0) == 0 ? std::string(")")
                                                                : ") (undo or reverse that release first)")});
    if (!problems.empty()) throw DataError(std::move(problems));
    store.update_totals(first_seq);
  }
  result.written = entries + plan.restored + plan.put_back + plan.retired;
  result.warnings = caused_warnings(store, opt, warnings_before, number, written);
  if (auto w = clock_behind(store, opt.recorded_at)) result.warnings.push_back(std::move(*w));
  Revision r;
  r.number = number;
  r.recorded_at = opt.recorded_at;
  r.user = opt.user;
  r.command = opt.command;
  r.added = std::int64_t(entries + plan.restored);
  r.corrected = std::int64_t(plan.put_back);
  r.retired = std::int64_t(plan.retired);
  r.undoes = revision;
  store.record_revision(r);
  result.revision = number;
  FileReport f;
  f.kind = RecordKind::ledger;
  f.added = entries;
  f.rows = entries;
  result.files.push_back(f);
  if (!opt.dry_run) tx.commit();
  return result;
}

}  // namespace klynge
