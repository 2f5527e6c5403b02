// CSV imports (paper IKM questionnaires, reference data): any text is read row by row or refused.
#include "core/csv.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace satupintu;
    size_t rows = 0;
    (void)csv::ForEachRow(fuzz::Bytes(data, size), [&](const std::vector<std::string>& row) -> Status {
        SP_FUZZ_CHECK(!row.empty());
        ++rows;
        return Status::Ok();
    });
    SP_FUZZ_CHECK(rows <= size + 1);
    return 0;
}
