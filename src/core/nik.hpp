// NIK (Nomor Induk Kependudukan) validation and masking, as in docs rules-id.md.
//
// A NIK is personal data: callers keep it out of logs and URLs, store it only through
// identity/nik_vault, and show it only via Mask().
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace satupintu {

struct NikInfo {
    std::string district_code;  // "PP.KK.CC" of the district of issue
    std::string birth_date;     // "YYYY-MM-DD"
    bool female = false;
    int serial = 0;
};

// `today` is "YYYY-MM-DD": a two-digit year is 20YY unless that lies after today, else 19YY.
// Whether the region code exists is not checked here (an unknown code is only a warning).
Result<NikInfo> ParseNik(std::string_view nik, std::string_view today);

// "3604********0003"
std::string MaskNik(std::string_view nik);

}  // namespace satupintu
