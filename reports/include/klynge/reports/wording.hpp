#pragma once
/// @file wording.hpp
/// @brief The words for the engine's typed facts, in English and Danish: RAG colours and reasons. The one place
/// that phrases them (and writes a Danish percentage with a decimal comma).

#include "klynge/rag.hpp"
#include "klynge/reports/table.hpp"

namespace klynge::reports {

Word word(RagColour colour);
Word word(const RagReason& reason);
Items words(const std::vector<RagReason>& reasons);
/// A report's title for a reader (`Midler`, `Status pr. indsats`); the report's name when it has none.
std::string report_title(const std::string& report, Lang lang);

}  // namespace klynge::reports
