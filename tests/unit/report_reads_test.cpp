// Each report reads only the record kinds its entry in the table of reports names (run_report loads those): its
// output from them is the same as from every kind, on a data set with records of every kind, at several dates.
#include <boost/test/unit_test.hpp>

#include "klynge/import.hpp"
#include "report_fixture.hpp"

using namespace klynge;
using namespace klynge::test;

namespace {

/// The mini set with indicators, measurements, a cost-sharing key and settings too: a record of every kind.
std::vector<std::pair<std::string, std::string>> every_kind()
{
  auto files = mini_files();
  files.push_back({"indicators.csv", "initiative,id,name,unit,direction,baseline,target\n"
                                     "i1,readm,Readmissions,percent,lower,15,12\n"});
  files.push_back({"measurements.csv", "initiative,indicator,date,value,numerator,denominator\n"
                                       "i1,readm,2025-03-31,14.7,49,333\n"
                                       "i1,readm,2025-05-31,16,,\n"});
  files.push_back({"keys.csv", "key,body,share\nk,a,2\nk,x,1\n"});
  files.push_back({"settings.csv", "key,value\nrag.amber_overdue_days,20\nreporting.expenses,quarter\n"});
  return files;
}

std::string rendered(const reports::Table& t) { return render_text(t, reports::Format::csv, Lang::en); }

/// The report as text, or the error it stops with.
std::string outcome(const Dataset& data, Date as_of, const reports::ReportSpec& spec)
{
  try {
    return rendered(reports::compute_report(data, as_of, spec));
  } catch (const Error& e) {
    return std::string("error: ") + e.what();
  }
}

reports::ReportSpec spec_of(const reports::ReportInfo& r)
{
  reports::ReportSpec spec;
  spec.kind = r.kind;
  if (r.key) spec.key = "k";
  return spec;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_report_reads_the_kinds_it_needs)
{
  auto store = Store::in_memory();
  import_texts(*store, every_kind());
  const Dataset all = store->load();
  for (const auto& r : reports::report_infos()) {
    if (!r.compute) continue;
    for (const char* as_of : {"2025-03-31", "2025-06-30", "2025-12-31", "2027-06-30"}) {
      BOOST_TEST_CONTEXT(r.name << " as of " << as_of)
      {
        const reports::ReportSpec spec = spec_of(r);
        const std::string expected = rendered(reports::compute_report(all, parse_date(as_of), spec));
        BOOST_TEST(rendered(reports::run_report(*store, parse_date(as_of), spec)) == expected);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_kind_left_out_changes_the_report)
{
  // The comparison above has teeth: a report without a kind it names reads differently on this data set.
  auto store = Store::in_memory();
  import_texts(*store, every_kind());
  const Dataset all = store->load();
  using K = RecordKind;
  using R = reports::ReportKind;
  const std::pair<R, K> needs[] = {{R::status, K::milestones},  {R::status, K::measurements}, {R::status, K::changes},
                                   {R::status, K::settings},    {R::variance, K::estimates},  {R::sharing, K::keys},
                                   {R::decisions, K::meetings}, {R::indicators, K::indicators}};
  for (const auto& [report, left_out] : needs) {
    const reports::ReportInfo& r = reports::info(report);
    BOOST_TEST_CONTEXT(r.name << " without kind " << static_cast<int>(left_out))
    {
      BOOST_TEST(r.reads.has(left_out));
      Dataset fewer = all;
      switch (left_out) {
      case K::milestones: fewer.milestones.clear(); break;
      case K::measurements: fewer.measurements.clear(); break;
      case K::changes: fewer.changes.clear(); break;
      case K::settings: fewer.settings.clear(); break;
      case K::estimates: fewer.estimates.clear(); break;
      case K::keys: fewer.keys.clear(); break;
      case K::meetings: fewer.meetings.clear(); break;
      case K::indicators: fewer.indicators.clear(); break;
      default: BOOST_FAIL("no such case");
      }
      const Date as_of = parse_date("2025-06-30");
      const reports::ReportSpec spec = spec_of(r);
      BOOST_TEST(outcome(fewer, as_of, spec) != outcome(all, as_of, spec));
    }
  }
}
