// The one error type the libraries throw to the command that called them.
#pragma once

#include <stdexcept>
#include <string>

namespace newsindex::schema {

// A failure that ends a command: a message a person can act on (never a
// raw Xapian message alone) and the exit code the command ends with, from
// that command's table (indexer/exit_codes.h, query/cli/exit_codes.h). The
// command prints what() as one line on stderr and returns exit_code().
// The indexer calls it IndexError, the query library QueryError.
class Error : public std::runtime_error {
  public:
    Error(const std::string& message, int exit_code)
        : std::runtime_error(message), exit_code_(exit_code) {}
    int exit_code() const { return exit_code_; }

  private:
    int exit_code_;
};

}  // namespace newsindex::schema
