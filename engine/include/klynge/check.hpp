#pragma once
/// @file check.hpp
/// @brief `klynge check`: integrity problems (errors) and things a secretariat should look at (warnings).

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "klynge/error.hpp"
#include "klynge/ledger_sums.hpp"
#include "klynge/model.hpp"

namespace klynge {

/// What a secretariat should look at in the stored records as of `today` (warnings): over-committed pools,
/// negative remaining budgets, initiatives running past their owner's end without a successor, overdue
/// milestones and overlapping estimate lines. The ledger's figures come from `sums`. Integrity of the file,
/// of the reversals and of the running totals is the store's (Store::integrity_problems, reversal_problems,
/// totals_problems).
/// Warnings of one kind beyond the first 100, which are counted and not listed.
struct UnlistedWarnings
{
  std::string kind;  ///< e.g. "overlapping estimate lines"
  std::size_t count = 0;
};

/// With `unlisted`, each kind of warning is listed up to 100 times and the rest counted there; without it, all
/// are listed. Overlapping estimate lines: each line that overlaps an earlier-starting one is reported once, with
/// the line reaching furthest.
std::vector<Diagnostic> check_records(const Dataset& data, Date today, const LedgerSums& sums,
                                      std::vector<UnlistedWarnings>* unlisted = nullptr);

/// The pools over-committed as of `today` (free below zero), of the bodies still active then: (body, free).
std::vector<std::pair<std::string, Money>> over_committed_pools(const Dataset& data, Date today, const LedgerSums& sums);
/// What a warning of an over-committed pool is about (Diagnostic::subject).
std::string pool_subject(const std::string& body);
/// `check`'s warning of one.
std::string over_committed_message(const std::string& body, Money free, Date today);
/// Of the initiatives `ids`, those that have spent more than their budget as of `d`: (initiative, remaining).
std::vector<std::pair<std::string, Money>> overspent_initiatives(const Dataset& data, Date d, const LedgerSums& sums,
                                                                 const std::set<std::string>& ids);
/// What a warning of an overspent initiative is about (Diagnostic::subject), and `check`'s warning of one.
std::string initiative_subject(const std::string& initiative);
std::string overspent_message(const std::string& initiative, Money remaining);

class Store;
/// The warnings of a store as of `today` (check_records, and reversals filed under another category), from the
/// running totals; with `known_at`, of the records as known at that revision.
std::vector<Diagnostic> store_warnings(const Store& store, Date today, std::vector<UnlistedWarnings>* unlisted = nullptr,
                                       std::optional<std::int64_t> known_at = std::nullopt);
/// Everything `check` says of a store, in one read: the integrity of the file, the reversals and the running
/// totals (errors), then check_records (warnings) — its figures from the running totals when they agree with the
/// ledger, else from the entries, which are the truth.
/// With `known_at`, the warnings are of the records as known at that revision (the integrity checks are of the file).
std::vector<Diagnostic> check_store(const Store& store, Date today, std::vector<UnlistedWarnings>* unlisted = nullptr,
                                    std::optional<std::int64_t> known_at = std::nullopt);

}  // namespace klynge
