// Import checks: places in messages, references, duplicates, reversals, reservations, re-sent records.
#include <functional>

#include <boost/test/unit_test.hpp>

#include "fixture.hpp"
#include "klynge/ledger_identity.hpp"

using namespace klynge;
using namespace klynge::test;

namespace {
const std::string bodies = "id,kind,name,active_to\nb,cluster,Klynge B,2025-12-31\nc,cluster,Klynge C,\n";
const std::string inits = "id,body,name,status\ni,b,Indsats I,active\n";
std::vector<std::pair<std::string, std::string>> with_ledger(const std::string& ledger)
{
  return {{"bodies.csv", bodies}, {"initiatives.csv", inits}, {"ledger.csv", ledger}};
}
}  // namespace

BOOST_AUTO_TEST_CASE(import_names_file_line_column_and_header)
{
  auto p = problems_of(with_ledger("dato;art;organisation;beløb\n2024-01-01;receipt;b;1.5\n"));
  BOOST_TEST(p.size() == 1u);
  BOOST_TEST(p[0] == "ledger.csv:2:4: error: beløb: '1.5' is not an amount (Danish form: 1.500,00)");
}
BOOST_AUTO_TEST_CASE(import_reads_amount_form_from_header)
{
  auto p = problems_of(with_ledger("date,kind,body,amount\n2024-01-01,receipt,b,\"1,500.00\"\n"));
  BOOST_TEST(p.empty());
}
BOOST_AUTO_TEST_CASE(import_refuses_negative_grant_and_zero)
{
  auto p = problems_of(with_ledger("date,kind,body,initiative,amount\n2024-01-01,grant,b,i,-5.00\n2024-01-01,receipt,b,,0\n"));
  BOOST_TEST(p.size() == 2u);
  BOOST_TEST(p[0] == "ledger.csv:2:5: error: amount: '-5.00' is negative: only an opening may be negative; the kind 'grant' gives the direction");
  BOOST_TEST(p[1] == "ledger.csv:3:5: error: amount: the amount is zero");
}
BOOST_AUTO_TEST_CASE(import_refuses_unknown_references_and_columns)
{
  auto p = problems_of(with_ledger("date,kind,body,initiative,amount\n2024-01-01,grant,nope,i,5\n"));
  BOOST_TEST(p.size() == 1u);
  BOOST_TEST(p[0] == "ledger.csv:2:3: error: body: unknown body 'nope'");
  auto q = problems_of(with_ledger("date,kind,body,amont\n"));
  BOOST_TEST(q.at(0) == "ledger.csv:1:4: error: unknown column 'amont' in ledger.csv (columns: id, date, kind, body, "
                        "initiative, counterparty, category, source, amount, decision, reverses, note, sheet)");
  BOOST_TEST(q.at(1) == "ledger.csv:1: error: missing column 'amount' (or 'beløb') in ledger.csv");
}
BOOST_AUTO_TEST_CASE(import_refuses_duplicate_ids)
{
  auto p = problems_of({{"bodies.csv", "id,kind,name\nb,cluster,B\nb,cluster,B\n"}});
  BOOST_TEST(p.size() == 1u);
  BOOST_TEST(p[0] == "bodies.csv:3:1: error: id: duplicate body id 'b' (first at bodies.csv:2)");
  auto q = problems_of(with_ledger("id,date,kind,body,amount\nx,2024-01-01,receipt,b,5\nx,2024-01-02,receipt,b,5\n"));
  BOOST_TEST(q.at(0) == "ledger.csv:3:1: error: id: duplicate ledger id 'x' (first at ledger.csv:2)");
  // A row with a taken id and another problem: the id is named first, then the rest of the row.
  auto r = problems_of(with_ledger("id,date,kind,body,amount\nx,2024-01-01,receipt,b,5\nx,2024-01-02,receipt,nope,5\n"));
  BOOST_TEST(r.size() == 2u);
  BOOST_TEST(r.at(0) == "ledger.csv:3:1: error: id: duplicate ledger id 'x' (first at ledger.csv:2)");
  BOOST_TEST(r.at(1) == "ledger.csv:3:4: error: body: unknown body 'nope'");
}
namespace {
/// A ledger of `n` receipts of body b with ids e0, e1, …; `row` changes the fields of some rows (by 0-based row).
std::string receipts(int n, const std::function<void(int, std::string& id, std::string& amount, std::string& reverses)>& row)
{
  std::string out = "id,date,kind,body,amount,reverses\n";
  for (int k = 0; k < n; ++k) {
    std::string id = "e" + std::to_string(k), amount = "5", reverses;
    row(k, id, amount, reverses);
    out += id + ",2024-01-01,receipt,b," + amount + "," + reverses + "\n";
  }
  return out;
}
}  // namespace

// While an import has no problem, entries are written 64 to a statement (Store::entry_batch). A taken id in a
// batch, a reversal of an entry still held, and problems of later rows found before the batch is written: the
// problems are the same, in row order, as when every entry is written at once.
BOOST_AUTO_TEST_CASE(import_writes_entries_in_batches_and_reports_in_row_order)
{
  static_assert(Store::entry_batch == 64, "the rows below are placed around a batch of 64");
  // A taken id in a full batch (found when the batch is written, at row 63).
  auto full = problems_of(with_ledger(receipts(150, [](int k, auto& id, auto&, auto&) {
    if (k == 40) id = "e1";
  })));
  BOOST_TEST(full.size() == 1u);
  BOOST_TEST(full.at(0) == "ledger.csv:42:1: error: id: duplicate ledger id 'e1' (first at ledger.csv:3)");
  // ... and a later row's problem, found while the batch is held: still after it.
  auto later = problems_of(with_ledger(receipts(150, [](int k, auto& id, auto& amount, auto&) {
    if (k == 40) id = "e1";
    if (k == 50) amount = "abc";
    if (k == 120) id = "e100";
  })));
  BOOST_TEST(later.size() == 3u);
  BOOST_TEST(later.at(0) == "ledger.csv:42:1: error: id: duplicate ledger id 'e1' (first at ledger.csv:3)");
  BOOST_TEST(later.at(1) == "ledger.csv:52:5: error: amount: 'abc' is not an amount (English form: 1,500.00)");
  BOOST_TEST(later.at(2) == "ledger.csv:122:1: error: id: duplicate ledger id 'e100' (first at ledger.csv:102)");
  // A reversal of an entry still held writes the batch first; a taken id in it is reported before the reversal's
  // own problem.
  auto reversal = problems_of(with_ledger(receipts(30, [](int k, auto& id, auto& amount, auto& reverses) {
    if (k == 10) id = "e2";
    if (k == 20) reverses = "e15";
    if (k == 25) {
      reverses = "e16";
      amount = "6";
    }
  })));
  BOOST_TEST(reversal.size() == 2u);
  BOOST_TEST(reversal.at(0) == "ledger.csv:12:1: error: id: duplicate ledger id 'e2' (first at ledger.csv:4)");
  BOOST_TEST(reversal.at(1) == "ledger.csv:27:5: error: amount: a reversal has the amount of the entry it reverses (5.00)");
  // An id stored by an earlier import, in a batch.
  const auto first = receipts(200, [](int k, auto&, auto&, auto& reverses) {
    if (k == 150) reverses = "e10";  // across batches
  });
  // Stored with the same content it is known (an export imported again); with other content it is refused.
  BOOST_TEST(problems_of({{"ledger.csv", receipts(70, [](int k, auto& id, auto&, auto&) {
                           id = k == 65 ? "e5" : "f" + std::to_string(k);
                         })}},
                         with_ledger(first))
                 .empty());
  auto stored = problems_of({{"ledger.csv", receipts(70, [](int k, auto& id, auto& amount, auto&) {
                              id = k == 65 ? "e5" : "f" + std::to_string(k);
                              if (k == 65) amount = "6";
                            })}},
                            with_ledger(first));
  BOOST_TEST(stored.size() == 1u);
  BOOST_TEST(stored.at(0) == "ledger.csv:67:1: error: id: ledger id 'e5' is known with other content (amount '5.00' "
                             "here '6.00'); a known entry is not changed: record a reversing entry instead");
  // Written whole: every entry, once.
  const Dataset all = dataset(with_ledger(first));
  BOOST_TEST(all.ledger.size() == 200u);
  BOOST_TEST(all.ledger.at(150).reverses == "e10");
  BOOST_TEST(all.ledger.at(199).id == "e199");
}

BOOST_AUTO_TEST_CASE(import_checks_reversals)
{
  auto p = problems_of(with_ledger("id,date,kind,body,amount,reverses\n"
                                   "r1,2024-01-01,receipt,b,5,\n"
                                   "r2,2024-01-02,receipt,b,5,r1\n"
                                   "r3,2024-01-03,receipt,b,5,r1\n"
                                   "r4,2024-01-03,receipt,b,6,r9\n"
                                   "r5,2024-01-03,receipt,b,4,\n"
                                   "r6,2024-01-03,receipt,b,3,r5\n"));
  BOOST_TEST(p.size() == 3u);
  BOOST_TEST(p[0] == "ledger.csv:4:6: error: reverses: 'r1' is already reversed");
  BOOST_TEST(p[1] == "ledger.csv:5:6: error: reverses: unknown ledger entry 'r9' to reverse");
  BOOST_TEST(p[2] == "ledger.csv:7:5: error: amount: a reversal has the amount of the entry it reverses (4.00)");
}
BOOST_AUTO_TEST_CASE(import_refuses_release_beyond_reservation)
{
  auto p = problems_of(with_ledger("date,kind,body,initiative,amount\n"
                                   "2024-01-01,receipt,b,,100\n"
                                   "2024-01-02,reserve,b,,60\n"
                                   "2024-01-03,unreserve,b,,40\n"
                                   "2024-01-04,unreserve,b,,30\n"));
  BOOST_TEST(p.size() == 1u);
  BOOST_TEST(p[0] == "ledger.csv:5:5: error: amount: releases more than is reserved for the pool of 'b' on 2024-01-04 (reserved: 20.00)");
}
BOOST_AUTO_TEST_CASE(import_accepts_identical_records_and_names_the_differing_field)
{
  std::vector<std::pair<std::string, std::string>> stored{{"bodies.csv", bodies}};
  BOOST_TEST(problems_of({{"bodies.csv", bodies}}, stored).empty());
  auto p = problems_of({{"bodies.csv", "id,kind,name,active_to\nb,cluster,Klynge B2,2025-12-31\n"}}, stored);
  BOOST_TEST(p.at(0) == "bodies.csv:2:3: error: name: body 'b' is stored with name 'Klynge B', not 'Klynge B2'; a typo is "
                        "corrected with --correct");
  // A field that changes.csv moves on a date is told so.
  const auto q = problems_of({{"bodies.csv", "id,kind,name,active_to\nb,cluster,Klynge B,2026-06-30\n"}}, stored);
  BOOST_TEST(q.at(0) == "bodies.csv:2:4: error: active_to: body 'b' is stored with active_to '31-12-2025', not '30-06-2026'; a "
                        "change from a date on goes in changes.csv, a typo is corrected with --correct");
}
BOOST_AUTO_TEST_CASE(import_checks_windows_and_estimate_duplicates)
{
  std::vector<std::pair<std::string, std::string>> f{
      {"bodies.csv", bodies}, {"initiatives.csv", inits},
      {"estimates.csv", "initiative,category,from,to,amount,estimated_on\n"
                        "i,løn,2025-06-01,2025-05-31,10,2025-01-01\n"
                        "i,løn,2025-06-01,2025-12-31,10,2025-01-01\n"
                        "i,løn,2025-06-01,2025-12-31,12,2025-01-01\n"}};
  auto p = problems_of(f);
  BOOST_TEST(p.size() == 2u);
  BOOST_TEST(p[0] == "estimates.csv:2:4: error: to: the window ends (2025-05-31) before it starts (2025-06-01)");
  BOOST_TEST(p[1] == "estimates.csv:4:6: error: estimated_on: duplicate estimate 'i/løn/2025-06-01/2025-12-31/2025-01-01' "
                     "(first at estimates.csv:3)");
}
BOOST_AUTO_TEST_CASE(import_gives_ledger_rows_ids_from_their_content)
{
  // Known by content and occurrence, not by file and line: the same rows keep their ids when the sheet grows, is
  // re-saved in the other number form or gains a note; two identical rows are two entries.
  std::string text = "date,kind,body,amount\n2024-01-01,receipt,b,5\n2024-01-01,receipt,b,5\n";
  Dataset a = dataset({{"bodies.csv", bodies}, {"ledger.csv", text}});
  BOOST_REQUIRE(a.ledger.size() == 2u);
  BOOST_TEST(a.ledger[0].id == content_id(ledger_content(a.ledger[0]), 1));
  BOOST_TEST(a.ledger[1].id == content_id(ledger_content(a.ledger[0]), 2));
  BOOST_TEST(a.ledger[0].id.size() == 23u);
  Dataset b = dataset({{"bodies.csv", bodies},
                       {"ledger.csv", "dato;art;organisation;beløb;note\n2024-01-01;receipt;b;5,00;x\n"
                                      "2024-01-01;receipt;b;5,00;\n2024-02-01;receipt;b;7,00;\n"}});
  BOOST_REQUIRE(b.ledger.size() == 3u);
  BOOST_TEST(b.ledger[0].id == a.ledger[0].id);
  BOOST_TEST(b.ledger[1].id == a.ledger[1].id);
}
BOOST_AUTO_TEST_CASE(import_checks_settings)
{
  auto p = problems_of({{"settings.csv", "key,value\nrag.red_overspend_pct,10,5\n"}});
  BOOST_TEST(p.at(0) == "settings.csv:2: error: the row has 3 fields, the header 2");
  auto q = problems_of({{"settings.csv", "key,value\nrag.red_overspend_pct,\"10,5\"\nrag.colour,1\n"}});
  BOOST_TEST(q.at(0) == "settings.csv:2:2: error: value: '10,5' is not a percentage in English form (e.g. 10.5)");
  BOOST_TEST(q.at(1).rfind("settings.csv:3:1: error: key: unknown setting 'rag.colour'", 0) == 0);
}

// One id twice in one import (two files given as texts) is a duplicate, not a known entry: known means stored by
// an earlier revision.
BOOST_AUTO_TEST_CASE(import_refuses_one_id_twice_in_one_import)
{
  const std::string ledger = "id,date,kind,body,amount\nx,2024-01-01,receipt,b,5\n";
  auto p = problems_of({{"bodies.csv", "id,kind,name\nb,cluster,B\n"}, {"ledger.csv", ledger}, {"ledger.csv", ledger}});
  BOOST_TEST(p.size() == 1u);
  BOOST_TEST(p.at(0) == "ledger.csv:2:1: error: id: duplicate ledger id 'x' (first at ledger.csv:2)");
}
