#pragma once
/// @file restore.hpp
/// @brief Putting a backup back: the file is verified on a copy before anything is replaced, and the database it
/// replaces is kept under a name that is never taken already.

#include <functional>
#include <string>
#include <vector>

namespace klynge {

class Store;

/// What is wrong with the klynge database at `path`, checked on a copy beside `beside` (migrated there when it is
/// older): `PRAGMA integrity_check`, the schema, the reversals, the ledger's chain and head, and the running totals
/// against the ledger. Empty when it is sound; then `use`, when given, is called with the checked copy. The copy is
/// removed either way. `command` names the command in the message when the copy cannot be written.
/// @throws DatabaseError when `path` is not a klynge database this program can read at all.
std::vector<std::string> restore_problems(const std::string& path, const std::string& beside,
                                          const std::function<void(const Store&)>& use = {},
                                          const std::string& command = "restore");

/// What is wrong with the database `store` as it is (the checks restore_problems makes, on either backend):
/// its integrity, the schema, the reversals, the ledger's chain and head, the running totals. Empty when sound.
std::vector<std::string> soundness_problems(const Store& store);

/// Puts the backup `file` (a klynge SQLite file) into `target`, a new or empty database (on a server, whose
/// append-only ledger cannot be replaced), from a checked copy of it: the backup itself is never changed, also
/// when it is older and migrated.
/// @throws DataError when `target` holds data; DatabaseError (exit 3), copying nothing, when `file` is not sound.
void restore_into_empty(const std::string& file, Store& target);

/// `NAME.before-restore-STAMP`, or with `-2`, `-3`, … added: the first such name not taken, created empty
/// (so that two restores at once never pick the same one).
std::string claim_kept_name(const std::string& db, const std::string& stamp);

/// Verifies `file` (see restore_problems), keeps the database at `db` (when there is one) under claim_kept_name(),
/// then copies `file` over `db`. Returns the kept name (empty when there was no database).
/// @throws DatabaseError (exit 3) naming the first problem, and replacing nothing, when `file` is not sound.
std::string restore_database(const std::string& file, const std::string& db, const std::string& stamp);

}  // namespace klynge
