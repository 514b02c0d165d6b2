#pragma once
/// @file model.hpp
/// @brief The records a secretariat keeps (design §1–2, §9), as plain values.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "klynge/date.hpp"
#include "klynge/decimal.hpp"
#include "klynge/enums.hpp"
#include "klynge/error.hpp"
#include "klynge/money.hpp"

namespace klynge {

/// Where a record came from, so that validation can name the place of each field:
/// a file row (file, line, the column of each field) or the options of `add`.
struct Source
{
  struct Column
  {
    int number = 0;      ///< 1-based field number in the file; 0 for an option
    std::string label;   ///< the header as written (`beløb`), or the option (`--amount`)
    bool given = true;   ///< false: an option `add` was not given (the stored value stands)
  };
  std::string file;
  std::int64_t line = 0;
  std::shared_ptr<const std::map<std::string, Column>> columns;  ///< canonical column name -> place
  std::int64_t revision = 0;  ///< for a stored record: the revision that wrote it
  Lang numbers = Lang::en;    ///< the form its amounts and numbers were read in (to quote them back so)

  /// A problem with one field (by canonical column name), or with the row when the field is unknown.
  Diagnostic problem(const std::string& column, const std::string& message,
                     Severity severity = Severity::error) const;
  /// `ledger.csv:14` or `add`: how the origin is kept with ledger rows.
  std::string origin() const;
};

struct Body
{
  std::string id;
  BodyKind kind = BodyKind::other;
  std::string name;
  std::string region;
  std::optional<Date> active_from, active_to;
  std::string successor;  ///< empty: none
  std::optional<Date> successor_from;
  Source src;
};

struct Group
{
  std::string id, body, name;
  GroupLevel level = GroupLevel::other;
  std::string parent;
  Source src;
};

struct Initiative
{
  std::string id, body, name;
  std::optional<InitiativeKind> kind;
  std::string group, lead;
  std::optional<Date> start, end;
  InitiativeStatus status = InitiativeStatus::proposed;
  std::optional<Cadence> reporting;  ///< how often it reports expenses; unset: the setting reporting.expenses
  Source src;
};

struct Meeting
{
  std::string id, group;
  Date date;
  std::string place;
  Source src;
};

struct Decision
{
  std::string id, meeting, item, title, text, initiative;
  Source src;
};

/// A dated change of an initiative's status/end/owner/group or of a body's active_to/successor/successor_from.
/// `value` is normalised: dates in ISO form, enums in their English word.
struct Change
{
  Date date;
  std::string initiative, body;
  ChangeField field = ChangeField::status;
  std::string value;
  std::string decision, note;
  std::string origin;
  Source src;
};

struct LedgerEntry
{
  std::string id;
  Date date;
  EntryKind kind = EntryKind::receipt;
  std::string body, initiative, counterparty, category, source;
  Money amount;
  std::string decision, reverses, note;
  std::string origin;  ///< file:line or the command that recorded it
  /// For a row without an id: the ledger file (a version of a running sheet) it came from; not interchange.
  std::optional<std::int64_t> sheet_file;
  /// The running sheet an entry came from, as export names it (the sheet's number in the books exported), so that
  /// books made from an export still know which rows a newer version of the sheet must hold. Not stored: the
  /// store reads it from sheet_file.
  std::string sheet;
  Source src;
};

struct Estimate
{
  std::string initiative, category;
  Date from, to;
  Money amount;
  Date estimated_on;
  std::string note;
  std::string origin;
  Source src;
};

struct Milestone
{
  std::string initiative, name;
  std::optional<MilestoneKind> kind;
  Date due;
  std::optional<Date> done;
  Source src;
};

/// What an initiative measures of its effect (design §14), known by (initiative, id).
struct Indicator
{
  std::string initiative, id, name;
  IndicatorUnit unit = IndicatorUnit::percent;
  Direction direction = Direction::lower;
  std::optional<Decimal> baseline;
  std::optional<Date> baseline_from, baseline_to;
  std::string baseline_note;
  std::optional<Decimal> target;
  std::optional<Date> target_date;
  Source src;
};

/// One measured value of an indicator, known by (initiative, indicator, date).
struct Measurement
{
  std::string initiative, indicator;
  Date date;
  Decimal value;
  std::optional<Decimal> numerator, denominator;
  std::optional<Date> period_from, period_to;
  std::string note;
  Source src;
};

/// One paying body's share of a cost-sharing key (fordelingsnøgle), known by (key, body).
struct KeyShare
{
  std::string key, body;
  Decimal share;
  Source src;
};

struct Setting
{
  std::string key, value;
  Source src;
};

/// A set of records: what a folder holds, what an import adds, or the whole database.
struct Dataset
{
  std::vector<Body> bodies;
  std::vector<Group> groups;
  std::vector<Initiative> initiatives;
  std::vector<Meeting> meetings;
  std::vector<Decision> decisions;
  std::vector<Change> changes;
  std::vector<LedgerEntry> ledger;
  std::vector<Estimate> estimates;
  std::vector<Milestone> milestones;
  std::vector<Indicator> indicators;
  std::vector<Measurement> measurements;
  std::vector<KeyShare> keys;
  std::vector<Setting> settings;

  std::size_t size() const
  {
    return bodies.size() + groups.size() + initiatives.size() + meetings.size() + decisions.size() +
           changes.size() + ledger.size() + estimates.size() + milestones.size() + indicators.size() +
           measurements.size() + keys.size() + settings.size();
  }
};

}  // namespace klynge
