// Properties over generated ledgers: every total row equals the sum of its rows; a report as of D ignores
// everything dated after D; the running totals give the reports of the entries. (The figures themselves are
// compared with a model of design §2 and §12, on ledgers of every entry kind, in tests/model_test.py.)
#include <filesystem>
#include <random>

#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <boost/test/unit_test.hpp>

#include "klynge/check.hpp"
#include "report_fixture.hpp"

using namespace klynge;
using namespace klynge::test;

namespace {

/// A random but valid data set: 3 bodies, 4 initiatives, `n` ledger entries in 2024-2026 (most in 2025: the running
/// totals restart every year, so that later imports dated among stored days cross years both ways).
std::vector<std::pair<std::string, std::string>> generated(unsigned seed, int n)
{
  std::mt19937 rng(seed);
  auto pick = [&](int k) { return int(rng() % unsigned(k)); };
  std::string ledger = "id,date,kind,body,initiative,counterparty,category,amount,reverses\n";
  const char* bodies[] = {"a", "b", "c"};
  const char* inits[] = {"i1", "i2", "i3", "i4"};
  const char* owner[] = {"a", "a", "b", "c"};
  for (int k = 0; k < n; ++k) {
    char date[32];
    const int year = 2025 + (pick(5) == 0 ? -1 : 0) + (pick(5) == 0 ? 1 : 0);  // 2024 to 2026
    std::snprintf(date, sizeof date, "%d-%02d-%02d", year, 1 + pick(12), 1 + pick(28));
    int i = pick(4);
    std::string amount = std::to_string(1 + pick(100000)) + "." + std::to_string(10 + pick(90));
    std::string id = "e" + std::to_string(k);
    std::string fields;  // date to amount
    const int kind = pick(6);
    switch (kind) {
    case 0: fields = std::string(date) + ",receipt," + bodies[pick(3)] + ",,,," + amount; break;
    case 1: fields = std::string(date) + ",grant," + owner[i] + "," + inits[i] + ",,," + amount; break;
    case 2: fields = std::string(date) + ",expense," + owner[i] + "," + inits[i] + ",," + (pick(3) ? "løn" : "indkøb") + "," + amount; break;
    case 3: fields = std::string(date) + ",reserve," + owner[i] + ",,,," + amount; break;
    case 4: fields = std::string(date) + ",contribution,a," + inits[i] + ",b,," + amount; break;
    case 5: fields = std::string(date) + ",return," + owner[i] + "," + inits[i] + ",,," + amount; break;
    }
    ledger += id + "," + fields + ",\n";
    // Now and then a correction: the same entry reversed, on its date (a reserve is left, so no release goes
    // below zero).
    if (kind != 3 && pick(8) == 0) ledger += "r" + std::to_string(k) + "," + fields + "," + id + "\n";
  }
  return {{"bodies.csv", "id,kind,name\na,cluster,A\nb,region,B\nc,municipality,C\n"},
          {"initiatives.csv", "id,body,name,status\ni1,a,I1,active\ni2,a,I2,active\ni3,b,I3,active\ni4,c,I4,active\n"},
          {"ledger.csv", ledger},
          {"estimates.csv", "initiative,category,from,to,amount,estimated_on\ni1,løn,2025-01-01,2025-12-31,500000.00,2025-01-01\n"
                            "i3,løn,2025-03-01,2025-09-30,70000.00,2025-01-01\n"
                            "i2,løn,2025-02-10,2025-05-20,40000.00,2025-01-01\n"
                            "i2,løn,2025-05-01,2025-08-17,30000.00,2025-01-01\n"
                            "i2,indkøb,2025-06-16,2025-11-03,9000.00,2025-01-01\n"}};
}

reports::ReportSpec spec_of(const std::string& name, std::optional<reports::Period> by = std::nullopt,
                            std::optional<Date> from = std::nullopt, std::optional<Date> to = std::nullopt)
{
  reports::ReportSpec spec;
  spec.kind = reports::parse_report(name);
  spec.by = by;
  spec.from = from;
  spec.to = to;
  return spec;
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

BOOST_AUTO_TEST_CASE(property_every_total_row_is_the_sum_of_its_rows)
{
  for (unsigned seed = 1; seed <= 10; ++seed) {
    Dataset data = dataset(generated(seed, 80));
    for (const auto& name : reports::snapshot_report_names())
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
    for (const auto& name : reports::snapshot_report_names()) {
      std::string a = render_text(report(all, name.c_str(), "2025-06-30"), reports::Format::csv);
      std::string b = render_text(report(cut, name.c_str(), "2025-06-30"), reports::Format::csv);
      BOOST_TEST(a == b, name);
    }
  }
}

// The running totals the store keeps give every report computed from sums exactly what the entries give,
// as of any date, also after imports of entries dated before those already stored, and as known at any revision.
BOOST_AUTO_TEST_CASE(property_running_totals_give_the_reports_of_the_entries)
{
  std::size_t money_warnings = 0;
  for (unsigned seed = 1; seed <= 8; ++seed) {
    auto files = generated(seed, 120);
    // The ledger in three imports, each of its own file: the later ones hold dates before stored ones.
    std::string ledger;
    for (auto& [name, text] : files)
      if (name == "ledger.csv") ledger = text;
    std::istringstream lines(ledger);
    std::string header, line;
    std::getline(lines, header);
    std::vector<std::string> parts(3, header + "\n");
    for (int k = 0; std::getline(lines, line); ++k) parts[std::size_t(std::min(k / 45, 2))] += line + "\n";
    auto store = Store::in_memory();
    for (std::size_t p = 0; p < parts.size(); ++p) {
      auto chunk = p == 0 ? files : std::vector<std::pair<std::string, std::string>>{};
      std::erase_if(chunk, [](const auto& f) { return f.first == "ledger.csv"; });
      chunk.emplace_back("ledger.csv", parts[p]);
      import_texts(*store, chunk);
      BOOST_TEST(store->totals_problems().empty(), "seed " << seed << " after import " << p);
    }
    // Now, and as known at each earlier revision: the totals less the entries written after it (the later
    // imports hold entries dated among the earlier ones').
    for (const std::optional<std::int64_t> known_at : {std::optional<std::int64_t>{}, std::optional<std::int64_t>{1},
                                                       std::optional<std::int64_t>{2}}) {
      const std::string known = known_at ? ", known at " + std::to_string(*known_at) : std::string();
      Dataset all = store->load(Store::Ledger::all, known_at);
      Dataset records = store->load(Store::Ledger::none, known_at);
      BOOST_REQUIRE(records.ledger.empty());
      auto sums = store->sums(known_at);
      std::vector<reports::ReportSpec> specs;
      for (const auto& name : reports::snapshot_report_names()) specs.push_back(spec_of(name));
      specs.push_back(spec_of("funds", reports::Period::month));
      specs.push_back(spec_of("funds", reports::Period::quarter, d("2025-02-14"), d("2025-10-20")));
      for (const auto& spec : specs) {
        const std::string name = std::string(reports::info(spec.kind).name) + (spec.by ? " --by" : "");
        for (const char* day : {"2024-12-31", "2025-01-01", "2025-02-09", "2025-02-10", "2025-03-31", "2025-05-20",
                                "2025-06-15", "2025-08-17", "2025-08-18", "2025-11-30", "2025-12-31", "2026-06-30"}) {
          std::string raw = render_text(reports::compute_report(all, d(day), spec), reports::Format::csv);
          std::string kept = render_text(reports::compute_report(records, d(day), spec, *sums), reports::Format::csv);
          BOOST_TEST(raw == kept, "seed " << seed << ", " << name << " as of " << day << known);
        }
      }
      // The sums the reports ask directly: an initiative's last expense day, and windows of its spending, named
      // ahead (will_ask) or not, each as the entries give it.
      const EntrySums entries(all.ledger);
      for (const char* day : {"2025-02-09", "2025-08-18", "2025-12-31"}) {
        for (const char* i : {"i1", "i2", "i3", "i4"}) {
          BOOST_TEST((sums->last_entry_day(i, EntryKind::expense, d(day)) == entries.last_entry_day(i, EntryKind::expense, d(day))),
                     "seed " << seed << ", last expense of " << i << " as of " << day << known);
          std::vector<ExpenseWindow> windows;
          for (const std::optional<std::string>& category : {std::optional<std::string>{}, std::optional<std::string>{"løn"}})
            for (const auto& [from, to] : {std::pair{"2025-01-01", "2025-03-31"}, {"2025-03-15", day}, {"0001-01-01", day}})
              windows.push_back({i, category, d(from), d(to)});
          if (std::string(day) != "2025-08-18") sums->will_ask(windows);  // and once not named ahead
          for (const auto& w : windows)
            BOOST_TEST(sums->expenses(w.initiative, w.category, w.from, w.to) == entries.expenses(w.initiative, w.category, w.from, w.to),
                       "seed " << seed << ", spending of " << i << " " << w.from.iso() << ".." << w.to.iso() << known);
        }
      }
      // `check` reads the totals too: the same warnings, in the same order.
      for (const char* day : {"2025-02-09", "2025-08-18", "2026-06-30"}) {
        std::string raw, kept;
        for (const auto& p : check_records(all, d(day), EntrySums(all.ledger))) raw += format_diagnostic(p) + "\n";
        for (const auto& p : check_records(records, d(day), *sums)) kept += format_diagnostic(p) + "\n";
        BOOST_TEST(raw == kept, "seed " << seed << ", check as of " << day << known);
        for (const char* figure : {"is over-committed: free", "has spent more than its budget"})
          for (auto at = raw.find(figure); at != std::string::npos; at = raw.find(figure, at + 1)) ++money_warnings;
      }
    }
  }
  // The comparison above compared warnings made of the ledger's figures, not only of dates.
  BOOST_TEST(money_warnings >= 20u);
}
BOOST_AUTO_TEST_CASE(property_rebuilt_totals_give_the_reports_of_the_entries)
{
  auto store = Store::in_memory();
  import_texts(*store, generated(3, 200));
  store->rebuild_totals();
  BOOST_TEST(store->totals_problems().empty());
  const Dataset all = store->load(Store::Ledger::all);
  const auto spec = spec_of("status");
  const std::string raw = render_text(reports::compute_report(all, d("2025-09-30"), spec), reports::Format::csv);
  const std::string kept = render_text(
      reports::compute_report(store->load(Store::Ledger::none), d("2025-09-30"), spec, *store->sums()),
      reports::Format::csv);
  BOOST_TEST(raw == kept);
}

// `check` compares the running totals with a fresh sum of the ledger by merging the two in key and day order. Its
// oracle here is the plain set difference of the two in SQL (what it computed before): for every kind of change
// made to the totals or the ledger behind klynge's back, both find the same number of differing rows and the same
// first one.
BOOST_AUTO_TEST_CASE(property_check_of_the_totals_agrees_with_a_set_difference)
{
  const std::string oracle =
      "WITH fresh AS (SELECT k.id AS key, l.body, ifnull(l.initiative, '') AS initiative, "
      "ifnull(l.counterparty, '') AS counterparty, l.kind, l.category, l.date AS day, "
      "sum(iif(l.reverses IS NULL, l.amount, -l.amount)) AS amount, count(*) AS entries FROM ledger l "
      "LEFT JOIN ledger_keys k ON k.body = l.body AND k.initiative = ifnull(l.initiative, '') AND "
      "k.counterparty = ifnull(l.counterparty, '') AND k.kind = l.kind AND k.category = l.category "
      "GROUP BY 2, 3, 4, 5, 6, 7), "
      "expected AS (SELECT *, sum(amount) OVER (PARTITION BY body, initiative, counterparty, kind, category "
      "ORDER BY day) AS running FROM fresh), "
      "kept AS (SELECT d.key, k.body, k.initiative, k.counterparty, k.kind, k.category, d.day, d.amount, "
      "d.entries, d.running + y.opening FROM ledger_days d LEFT JOIN ledger_keys k ON k.id = d.key "
      "LEFT JOIN ledger_years y ON y.key = d.key AND y.year = substr(d.day, 1, 4)) "
      "SELECT day, ifnull(body, ''), ifnull(initiative, ''), ifnull(kind, ''), ifnull(category, '') FROM "
      "(SELECT * FROM expected EXCEPT SELECT * FROM kept) UNION ALL "
      "SELECT day, ifnull(body, ''), ifnull(initiative, ''), ifnull(kind, ''), ifnull(category, '') FROM "
      "(SELECT * FROM kept EXCEPT SELECT * FROM expected) ORDER BY 1, 2, 3, 4, 5";
  const std::string years_oracle =
      "WITH t AS (SELECT key, substr(day, 1, 4) AS year, sum(amount) AS total FROM ledger_days GROUP BY 1, 2), "
      "f AS (SELECT key, year, total, (SELECT ifnull(sum(e.total), 0) FROM t e WHERE e.key = t.key AND "
      "e.year < t.year) AS opening FROM t), "
      "kept AS (SELECT key, year, total, opening FROM ledger_years), "
      "differ AS (SELECT DISTINCT key, year FROM (SELECT * FROM f EXCEPT SELECT * FROM kept) "
      "UNION SELECT key, year FROM (SELECT * FROM kept EXCEPT SELECT * FROM f)) "
      "SELECT (SELECT count(*) FROM differ), d.year, ifnull(k.body, ''), ifnull(k.initiative, ''), ifnull(k.kind, ''), "
      "ifnull(k.category, '') FROM differ d LEFT JOIN ledger_keys k ON k.id = d.key ORDER BY d.year, d.key LIMIT 1";
  const std::string one_day = "(key, day) = (SELECT key, day FROM ledger_days ORDER BY day, key LIMIT 1 OFFSET 7)";
  const std::string one_year = "(key, year) = (SELECT key, year FROM ledger_years WHERE year = '2026' ORDER BY key LIMIT 1)";
  const std::vector<std::string> changes = {
      "",
      "UPDATE ledger_days SET running = running + 1 WHERE " + one_day,
      "UPDATE ledger_days SET amount = amount + 5 WHERE " + one_day,
      "UPDATE ledger_days SET entries = entries + 1 WHERE " + one_day,
      "DELETE FROM ledger_days WHERE " + one_day,
      "INSERT INTO ledger_days VALUES ((SELECT max(key) FROM ledger_days), '2030-01-01', 1, 1, 1)",
      "INSERT INTO ledger_days VALUES (99999, '2025-05-05', 1, 1, 1)",
      "UPDATE ledger_keys SET category = 'x' WHERE id = (SELECT min(id) FROM ledger_keys)",
      "DELETE FROM ledger_keys WHERE id = (SELECT max(id) FROM ledger_keys)",
      "INSERT INTO ledger (id, date, kind, body, amount, origin) VALUES ('manual', '2025-03-01', 'receipt', 'a', "
      "100, 'sqlite3')",
      "DELETE FROM ledger_days",
      // A year's opening (all its days differ), a year left out (its days have none), and a year's total (the days
      // agree; the years are told apart below).
      "UPDATE ledger_years SET opening = opening + 3 WHERE " + one_year,
      "DELETE FROM ledger_years WHERE " + one_year,
      "UPDATE ledger_years SET total = total - 2 WHERE " + one_year,
      // A year's days and its opening wrong by the same amount both ways: every day's sum agrees, the opening does
      // not agree with the years before it.
      "UPDATE ledger_days SET running = running + 100 WHERE (key, substr(day, 1, 4)) = (SELECT key, year FROM "
      "ledger_years WHERE " + one_year + "); UPDATE ledger_years SET opening = opening - 100 WHERE " + one_year,
      "INSERT INTO ledger_years VALUES ((SELECT max(key) FROM ledger_years), '2031', 0, 0)",
  };
  const auto path = (std::filesystem::temp_directory_path() / ("klynge-totals-check-" + std::to_string(::getpid()) + ".db")).string();
  for (const auto& change : changes) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    Store::init(path);
    {
      const auto store = Store::open(path, Store::Access::read_write);
      import_texts(*store, generated(5, 150));
    }
    if (!change.empty()) SQLite::Database(path, SQLite::OPEN_READWRITE).exec(change);
    std::vector<std::string> expected;
    {
      SQLite::Database db(path, SQLite::OPEN_READONLY);
      SQLite::Statement q(db, oracle);
      std::size_t n = 0;
      std::string first;
      while (q.executeStep()) {
        if (n++ > 0) continue;
        first = "body '" + q.getColumn(1).getString() + "'";
        if (!q.getColumn(2).getString().empty()) first += ", initiative '" + q.getColumn(2).getString() + "'";
        first += ", " + q.getColumn(3).getString();
        if (!q.getColumn(4).getString().empty()) first += " '" + q.getColumn(4).getString() + "'";
        first += ", on " + q.getColumn(0).getString();
      }
      if (n)
        expected.push_back("the running totals differ from the ledger in " + std::to_string(n) +
                           " row(s), the first for " + first + "; rebuild them with `klynge check --rebuild-totals`");
      // With the days right, the years against their days: the (key, year) pairs whose kept total is not the sum
      // of their days or whose opening is not the sum of the years before, the first by year and key named.
      if (!n) {
        SQLite::Statement y(db, years_oracle);
        if (y.executeStep() && y.getColumn(0).getInt64() > 0) {
          std::string first = "body '" + y.getColumn(2).getString() + "'";
          if (!y.getColumn(3).getString().empty()) first += ", initiative '" + y.getColumn(3).getString() + "'";
          first += ", " + y.getColumn(4).getString();
          if (!y.getColumn(5).getString().empty()) first += " '" + y.getColumn(5).getString() + "'";
          expected.push_back("the running totals' years differ from their days in " + y.getColumn(0).getString() +
                             " row(s), the first for " + first + ", in " + y.getColumn(1).getString() +
                             "; rebuild them with `klynge check --rebuild-totals`");
        }
      }
    }
    const auto found = Store::open(path, Store::Access::read_only)->totals_problems();
    BOOST_TEST(found == expected, change);
    BOOST_TEST(found.empty() == change.empty(), change);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}
