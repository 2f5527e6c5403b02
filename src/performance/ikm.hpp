// IKM, the community satisfaction index (Indeks Kepuasan Masyarakat, PermenPAN-RB 14/2017), as
// pure functions over answer sums, so the rule is unit-tested with the regulation's figures
// (rules-id.md) and every view (command center, portal, open data, roll-up) computes it alike.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace satupintu::performance {

// Answers per element (U1..U9): the sum of the answers (1-4) and how many.
using IkmSums = std::map<std::string, std::pair<int64_t, int64_t>>;

// IKM: the mean of the nine elements' NRR (weights of exactly 1/9), times 25, rounded half-up to
// two decimals; nullopt until all nine elements have answers.
std::optional<double> IkmIndex(const IkmSums& by_element);

// The category of a rounded IKM: A Sangat Baik (>= 88.31), B Baik (>= 76.61), C Kurang Baik
// (>= 65.00), D Tidak Baik.
std::string_view IkmCategory(double ikm);

// The answers counted (all elements together).
int64_t IkmAnswers(const IkmSums& by_element);

// Krejcie-Morgan minimum sample for a population of `n` (X2 = 3.841, P = 0.5, d = 0.05).
int64_t MinimumSample(int64_t population);

}  // namespace satupintu::performance
