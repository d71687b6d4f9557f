// Control characters in list text. A name or any other field of a published list never holds one
// (none of the real OFAC, UN or FtM files does); a NUL in particular ends the text early in C
// strings and terminals, so a name holding one would print cut. The parsers refuse such input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace interdict {

// The offset of the first C0 control character (0x00-0x1F) other than tab, line feed and
// carriage return, or of DEL (0x7F), in `s`; std::string_view::npos when there is none.
size_t FindControlChar(std::string_view s);

// "0x00": how error messages name a byte.
std::string DescribeByte(char c);

}  // namespace interdict
