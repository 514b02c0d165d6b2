#include "klynge/error.hpp"

namespace klynge {

std::string format_diagnostic(const Diagnostic& d)
{
  const char* sev = d.severity == Severity::error ? "error" : "warning";
  const Location& w = d.where;
  std::string out;
  if (!w.file.empty()) {
    out = w.file;
    if (w.line > 0) {
      out += ':' + std::to_string(w.line);
      if (w.column > 0) out += ':' + std::to_string(w.column);
    }
    out += ": ";
    out += sev;
    out += ": ";
  } else {
    out = std::string("klynge: ") + sev + ": ";
    if (!w.option.empty()) out += w.option + ": ";
  }
  return out + d.message;
}

namespace {
std::string summary(const std::vector<Diagnostic>& problems)
{
  if (problems.empty()) return "invalid data";
  return format_diagnostic(problems.front());
}
}  // namespace

DataError::DataError(std::vector<Diagnostic> problems)
    : Error(ExitCode::data, summary(problems)), problems_(std::move(problems))
{
}

DataError::DataError(const std::string& message)
    : DataError(std::vector<Diagnostic>{Diagnostic{Location{}, Severity::error, message}})
{
}

}  // namespace klynge
