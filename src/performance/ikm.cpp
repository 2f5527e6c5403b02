#include "performance/ikm.hpp"

#include <cmath>

namespace satupintu::performance {

std::optional<double> IkmIndex(const IkmSums& by_element) {
    if (by_element.size() < 9) return std::nullopt;
    double index = 0;
    for (const auto& [_, v] : by_element) {
        if (v.second <= 0) return std::nullopt;
        index += static_cast<double>(v.first) / static_cast<double>(v.second) / 9.0;
    }
    return std::floor(index * 25 * 100 + 0.5) / 100;
}

std::string_view IkmCategory(double ikm) {
    return ikm >= 88.31 ? "A" : ikm >= 76.61 ? "B" : ikm >= 65.00 ? "C" : "D";
}

int64_t IkmAnswers(const IkmSums& by_element) {
    int64_t answers = 0;
    for (const auto& [_, v] : by_element) answers += v.second;
    return answers;
}

int64_t MinimumSample(int64_t n) {
    if (n <= 0) return 0;
    constexpr double kChi2 = 3.841, kP = 0.5, kD = 0.05;
    const double s =
        kChi2 * static_cast<double>(n) * kP * (1 - kP) / (kD * kD * static_cast<double>(n - 1) + kChi2 * kP * (1 - kP));
    return std::llround(s);
}

}  // namespace satupintu::performance
