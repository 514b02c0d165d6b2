#pragma once
/// @file ledger_identity.hpp
/// @brief What a ledger row without an id is known by (design §14): its parsed values other than the note, and
/// its occurrence among identical rows of its file. So a running sheet re-imported with rows added is known row
/// by row, whatever form its numbers and dates are written in, and two identical purchases on one day stay two.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "klynge/model.hpp"

namespace klynge {

/// The row's values other than id and note, in canonical form (ISO date, English kind, amount in øre), joined
/// with U+001F.
std::string ledger_content(const LedgerEntry& e);

/// A 64-bit fingerprint of a content (FNV-1a): what occurrences are counted by within one file.
std::uint64_t content_fingerprint(std::string_view content);

/// The id of the `occurrence`-th (1-based) row of this content: `ledger-` and 16 hex digits of the SHA-256 of the
/// content and the occurrence.
std::string content_id(std::string_view content, std::uint32_t occurrence);

/// The id with re-entry number n (`ledger-…~2`): an entry an undo reversed that comes again is a new entry.
std::string reentry_id(const std::string& id, int n);

/// An id in the form generated before content identity: `STEM-XXXXXXXX-LINE` (file stem, 8 hex digits of the
/// file's SHA-256, line). Returns the hex digits and the line.
std::optional<std::pair<std::string, std::int64_t>> legacy_generated_id(std::string_view id);
/// The STEM of such an id (the id parsed by legacy_generated_id()).
std::string legacy_stem(std::string_view id);
/// The stem such ids took from a file's name: after the last `/`, before the last `.`.
std::string legacy_file_stem(std::string_view file_name);

/// The note of an undo's reversals, `undo of revision N`: an export carries it, and books made from the export hold
/// the reversed entries as undone by it (Store::undone_by_imported_undo). Refused as a note typed on the command
/// line, where it would mark a reversal as an undo's.
std::string undo_note(std::int64_t revision);
/// Whether `note` is exactly such a note.
bool is_undo_note(std::string_view note);
/// What such a note given on the command line is told.
inline constexpr const char* undo_note_refused =
    "a note 'undo of revision N' is klynge's mark of an undo's reversal: write it otherwise (e.g. 'reverses the entry "
    "of revision N')";

}  // namespace klynge
