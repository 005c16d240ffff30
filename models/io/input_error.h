#pragma once
// A user's mistake in an input file: the message names the file, line and column, the key, and
// what was expected. Distinct from a bug (std::logic_error) and a broken invariant (a check).
#include <stdexcept>
#include <string>
#include <vector>

namespace doorstroom::models {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "did you mean" support: the candidate closest to `word` in edit distance, or "" when none is
// close enough to be a plausible typo.
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);

// The one wording of a suggestion in an error message: "; did you mean 'PREFIXname'?" for the
// nearest candidate, or "" when none is close. `shown_prefix` is written before the name (a mix
// is referred to as "mix:NAME").
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates,
                         const std::string& shown_prefix = "");

// Text quoted from an input in a message: as it is, or its first 60 bytes and its length when it
// is longer (a mangled 100 KB line would otherwise fill the terminal).
std::string excerpt(const std::string& text);

}  // namespace doorstroom::models
