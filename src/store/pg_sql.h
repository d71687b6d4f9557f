// Text the PostgreSQL backend (db_postgres.cc) derives from what the store's modules give it:
// the SQL with PostgreSQL's parameter markers, and a connection URL fit for messages.
#pragma once

#include <string>
#include <string_view>

namespace interdict {

// `sql` with each `?` parameter (db.h's dialect) numbered $1, $2, ... in order of appearance,
// and each `?NNN` as $NNN. A `?` inside a string literal ('...', with '' escapes), a quoted
// identifier ("..."), a dollar-quoted body ($tag$...$tag$) or a comment (-- to end of line,
// /* ... */) is text, not a parameter, and stays as it is. *params (may be null) receives the
// number of parameters: the highest number used.
std::string NumberPlaceholders(std::string_view sql, int* params);

// `url` with any password replaced by "***", both the user:password@ form and a password=...
// query parameter, so that messages and logs can name the server without leaking the secret.
std::string RedactPostgresUrl(std::string_view url);

}  // namespace interdict
