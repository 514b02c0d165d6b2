#pragma once
// A small hand-made data set with every kind of movement, used by the engine and report tests.
// Figures worked out by hand (see the comments in the tests that use them).
#include "fixture.hpp"

namespace klynge::test {

inline std::vector<std::pair<std::string, std::string>> mini_files(std::string i1_name = "Indsats Et")
{
  // The name goes into a quoted CSV field: double its quotes.
  for (std::size_t p = i1_name.find('"'); p != std::string::npos; p = i1_name.find('"', p + 2)) i1_name.insert(p, 1, '"');
  return {
      {"bodies.csv", "id,kind,name,active_from,active_to,successor,successor_from\n"
                     "a,cluster,Klynge A,,2025-12-31,r,2027-01-01\n"
                     "r,council,Sundhedsråd R,2027-01-01,,,\n"
                     "p,other,Direktørgruppe,2026-01-01,2026-06-30,,\n"
                     "x,region,Region X,,,,\n"},
      {"groups.csv", "id,body,name,level\ng,a,Fagligt strategisk niveau,strategic\n"},
      {"initiatives.csv", "id,body,name,kind,group,start,end,status\n"
                          "i1,a,\"" + i1_name + "\",cluster_project,g,2025-01-01,2025-06-30,active\n"
                          "i2,a,Indsats To,free,g,2025-01-01,2025-12-31,active\n"},
      {"meetings.csv", "id,group,date\nm1,g,2025-01-02\nm2,g,2025-03-10\n"},
      {"decisions.csv", "id,meeting,item,title,initiative\nd1,m1,3,Bevilling til i1 og i2,i1\nd2,m2,4,Tilbageførsel fra i2,i2\n"
                        "d3,m2,5,Reservation af resterende midler,\n"},
      {"changes.csv", "date,initiative,body,field,value,decision\n"
                      "2025-05-01,i1,,end,2026-12-31,\n"
                      "2025-12-15,i1,,owner,p,\n"},
      {"ledger.csv", "id,date,kind,body,initiative,counterparty,category,source,amount,decision,reverses\n"
                     "e1,2025-01-01,receipt,a,,,,klyngemidler,1000000.00,,\n"
                     "e2,2025-01-02,grant,a,i1,,,,300000.00,d1,\n"
                     "e3,2025-01-02,grant,a,i2,,,,100000.00,d1,\n"
                     "e4,2025-02-01,expense,a,i1,,løn,,50000.00,,\n"
                     "e5,2025-03-01,expense,a,i1,,løn,,10000.00,,\n"
                     "e6,2025-03-05,expense,a,i1,,løn,,10000.00,,e5\n"
                     "e7,2025-03-10,return,a,i2,,,,20000.00,d2,\n"
                     "e8,2025-04-01,contribution,a,i1,x,,,40000.00,d1,\n"
                     "e9,2025-04-01,reserve,a,,,,,200000.00,d3,\n"
                     "e10,2025-05-01,unreserve,a,,,,,50000.00,d3,\n"
                     "e11,2025-01-01,receipt,x,,,,regionale midler,500000.00,,\n"
                     "e12,2025-02-15,expense,a,i1,,rejse,,5000.00,,\n"},
      {"estimates.csv", "initiative,category,from,to,amount,estimated_on\n"
                        "i1,løn,2025-01-01,2025-12-31,120000.00,2025-01-01\n"
                        "i1,løn,2025-01-01,2025-12-31,180000.00,2025-06-01\n"
                        "i1,drift,2026-01-01,2026-12-31,300000.00,2025-05-01\n"
                        "i2,materialer,2025-07-01,2025-12-31,10000.00,2025-01-01\n"},
      {"milestones.csv", "initiative,name,kind,due,done\n"
                         "i1,Første borger,start,2025-02-01,2025-02-03\n"
                         "i1,Midtvejsrapport,report,2025-06-01,\n"
                         "i2,Slutrapport,report,2025-12-31,\n"},
  };
}

/// The mini set with extra rows appended to one of its files.
inline std::vector<std::pair<std::string, std::string>> mini_with(const std::string& file, const std::string& rows)
{
  auto files = mini_files();
  for (auto& [name, text] : files)
    if (name == file) text += rows;
  return files;
}

}  // namespace klynge::test
