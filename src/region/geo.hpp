// Kecamatan boundaries (data/geo, simplified polygons) to suggest the kecamatan of a point and
// to refuse points outside a region. The polygons are simplified and neighbours overlap in thin
// slivers: a suggestion for the citizen to confirm, not a border decision. Immutable once
// loaded; safe to share between threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace satupintu::region {

struct GeoPoint {
    double lat = 0;
    double lng = 0;
};

class KecamatanMap {
  public:
    // Loads every *.geojson in `dir` (a missing folder loads nothing).
    static Result<KecamatanMap> Load(const std::string& dir);

    // Whether boundaries are known for a regency (36.04).
    bool Covers(const std::string& regency_code) const;
    // The kecamatan containing the point, or the nearest one within `tolerance_m` of the
    // regency's outline; nullopt when the point lies outside the regency.
    std::optional<std::string> Locate(const std::string& regency_code, GeoPoint p, double tolerance_m = 1500) const;
    // The mean of a kecamatan's outline points (a rough centre), or nullopt.
    std::optional<GeoPoint> Centre(const std::string& kecamatan_code) const;
    // The regency's boundary file (GeoJSON FeatureCollection of its kecamatan), or nullptr.
    const std::string* GeoJson(const std::string& regency_code) const;

  private:
    struct Ring {
        std::vector<GeoPoint> points;
    };
    struct Kecamatan {
        std::string code;
        std::vector<Ring> outer;  // holes are ignored: none occur in the shipped data
    };
    std::map<std::string, std::vector<Kecamatan>> by_regency_;
    std::map<std::string, std::string> geojson_;
};

// Great-circle distance in metres.
double DistanceMetres(GeoPoint a, GeoPoint b);

}  // namespace satupintu::region
