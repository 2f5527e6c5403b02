// The document verifier reads any file a citizen or a bank uploads to check it: it splits off
// the signature line and verifies it, and never accepts a file it did not sign.
#include "core/crypto.hpp"
#include "documents/signature.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace satupintu;
    static const crypto::SigningKeyPair key = crypto::GenerateSigningKey();
    auto split = documents::Split(fuzz::Bytes(data, size));
    if (!split) return 0;
    // A key made in this process signed nothing the fuzzer wrote.
    SP_FUZZ_CHECK(documents::Verify(*split, key.public_key) != documents::Check::kAuthentic);
    return 0;
}
