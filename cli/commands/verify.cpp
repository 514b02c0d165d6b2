// klynge verify DIR [--head HASH]: an export's ledger against its chain and a head kept outside the database.
#include <algorithm>
#include <iostream>

#include "commands.hpp"
#include "klynge/chain.hpp"
#include "klynge/verify.hpp"

namespace klynge::cli {

void setup_verify(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("verify", "check an export's ledger against its chain and a head kept elsewhere "
                                           "(a meeting's minutes)");
  auto dir = std::make_shared<std::string>();
  auto head = std::make_shared<std::string>();
  cmd->add_option("DIR", *dir, "a folder written by klynge export")->required();
  cmd->add_option("--head", *head, "the head to verify against (64 hex digits, as ledger-head.txt gives it)");
  cmd->callback([&ctx, dir, head]() {
    std::optional<std::string> wanted;
    if (!head->empty()) {
      std::string h = *head;
      std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return char(std::tolower(c)); });
      if (!is_chain_hash(h)) throw UsageError("--head: '" + *head + "' is not a head (64 hex digits)");
      wanted = h;
    }
    const Verified v = verify_export(*dir, wanted);
    if (!v.ok) throw DataError(v.message);
    if (!ctx.quiet) std::cout << v.message << "\n";
  });
}

}  // namespace klynge::cli
