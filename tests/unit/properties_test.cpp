// Properties over generated ledgers: free = received − granted − reserved summed independently from the
// entries; every total row equals the sum of its rows; a report as of D ignores everything dated after D.
#include <random>

#include <boost/test/unit_test.hpp>

#include "report_fixture.hpp"

using namespace klynge;
using namespace klynge::test;

namespace {

/// A random but valid data set: 3 bodies, 4 initiatives, `n` ledger entries in 2025.
std::vector<std::pair<std::string, std::string>> generated(unsigned seed, int n)
{
  std::mt19937 rng(seed);
  auto pick = [&](int k) { return int(rng() % unsigned(k)); };
  std::string ledger = "id,date,kind,body,initiative,counterparty,category,amount,reverses\n";
  const char* bodies[] = {"a", "b", "c"};
  const char* inits[] = {"i1", "i2", "i3", "i4"};
  const char* owner[] = {"a", "a", "b", "c"};
  std::vector<std::string> reversible;
  for (int k = 0; k < n; ++k) {
    char date[32];
    std::snprintf(date, sizeof date, "2025-%02d-%02d", 1 + pick(12), 1 + pick(28));
    int i = pick(4);
    std::string amount = std::to_string(1 + pick(100000)) + "." + std::to_string(10 + pick(90));
    std::string id = "e" + std::to_string(k);
    switch (pick(6)) {
    case 0: ledger += id + "," + date + ",receipt," + bodies[pick(3)] + ",,,," + amount + ",\n"; break;
    case 1: ledger += id + "," + date + ",grant," + owner[i] + "," + inits[i] + ",,," + amount + ",\n"; break;
    case 2: ledger += id + "," + date + ",expense," + owner[i] + "," + inits[i] + ",,løn," + amount + ",\n"; break;
    case 3: ledger += id + "," + date + ",reserve," + owner[i] + ",,,," + amount + ",\n"; break;
    case 4: ledger += id + "," + date + ",contribution,a," + inits[i] + ",b,," + amount + ",\n"; break;
    case 5: ledger += id + "," + date + ",return," + owner[i] + "," + inits[i] + ",,," + amount + ",\n"; break;
    }
  }
  return {{"bodies.csv", "id,kind,name\na,cluster,A\nb,region,B\nc,municipality,C\n"},
          {"initiatives.csv", "id,body,name,status\ni1,a,I1,active\ni2,a,I2,active\ni3,b,I3,active\ni4,c,I4,active\n"},
          {"ledger.csv", ledger},
          {"estimates.csv", "initiative,category,from,to,amount,estimated_on\ni1,løn,2025-01-01,2025-12-31,500000.00,2025-01-01\n"
                            "i3,løn,2025-03-01,2025-09-30,70000.00,2025-01-01\n"}};
}

void check_totals(const reports::Table& t)
{
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (t.columns[c].type != reports::CellType::money) continue;
    Money sum;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      if (t.total[r]) {
        BOOST_TEST(std::get<Money>(t.rows[r][c]) == sum, t.report << " " << t.columns[c].key);
        sum = Money{};
      } else if (auto m = std::get_if<Money>(&t.rows[r][c])) {
        sum += *m;
      }
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(property_free_is_received_minus_granted_minus_reserved)
{
  for (unsigned seed = 1; seed <= 20; ++seed) {
    Dataset data = dataset(generated(seed, 60));
    for (int month = 1; month <= 12; ++month) {
      Date day = Date::from_ymd(2025, unsigned(month), 15);
      Snapshot s(data, day);
      for (const char* body : {"a", "b", "c"}) {
        Money received, granted, reserved;
        for (const auto& e : data.ledger) {
          if (day < e.date) continue;
          if (e.body == body && e.kind == EntryKind::receipt) received += e.amount;
          if (e.body == body && e.kind == EntryKind::grant) granted += e.amount;
          if (e.body == body && e.kind == EntryKind::return_) granted -= e.amount;
          if (e.body == body && e.kind == EntryKind::reserve) reserved += e.amount;
          if (e.counterparty == body && e.kind == EntryKind::contribution) granted += e.amount;
        }
        PoolFigures p = s.pool(body);
        BOOST_TEST(p.free() == received - granted - reserved);
        BOOST_TEST(p.received == received);
      }
    }
  }
}
BOOST_AUTO_TEST_CASE(property_every_total_row_is_the_sum_of_its_rows)
{
  for (unsigned seed = 1; seed <= 10; ++seed) {
    Dataset data = dataset(generated(seed, 80));
    for (const auto& name : reports::report_names())
      for (const char* day : {"2025-03-31", "2025-08-15", "2026-01-01"}) check_totals(report(data, name.c_str(), day));
  }
}
BOOST_AUTO_TEST_CASE(property_a_report_as_of_d_ignores_later_entries)
{
  for (unsigned seed = 1; seed <= 10; ++seed) {
    auto files = generated(seed, 80);
    Dataset all = dataset(files);
    Date day = d("2025-06-30");
    // The same data with every entry after D dropped gives the same reports as of D.
    Dataset cut = all;
    std::erase_if(cut.ledger, [&](const LedgerEntry& e) { return day < e.date; });
    for (const auto& name : reports::report_names()) {
      std::string a = render_text(report(all, name.c_str(), "2025-06-30"), reports::Format::csv);
      std::string b = render_text(report(cut, name.c_str(), "2025-06-30"), reports::Format::csv);
      BOOST_TEST(a == b, name);
    }
  }
}
