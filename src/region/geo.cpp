#include "region/geo.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/json.hpp"

namespace satupintu::region {

namespace {

bool Inside(const std::vector<GeoPoint>& ring, GeoPoint p) {
    bool in = false;
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const auto& a = ring[i];
        const auto& b = ring[j];
        if ((a.lat > p.lat) != (b.lat > p.lat) && p.lng < (b.lng - a.lng) * (p.lat - a.lat) / (b.lat - a.lat) + a.lng) {
            in = !in;
        }
    }
    return in;
}

// Distance from p to segment ab, on a local equirectangular projection (fine at these scales).
double SegmentDistance(GeoPoint p, GeoPoint a, GeoPoint b) {
    const double k = std::cos(p.lat * M_PI / 180.0);
    const double ax = (a.lng - p.lng) * k, ay = a.lat - p.lat;
    const double bx = (b.lng - p.lng) * k, by = b.lat - p.lat;
    const double dx = bx - ax, dy = by - ay;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const double x = ax + t * dx, y = ay + t * dy;
    return std::sqrt(x * x + y * y) * 111320.0;
}

Result<std::vector<GeoPoint>> ReadRing(const json::value& v) {
    if (!v.is_array()) return Err(Errc::kInvalidInput, "geojson: a ring is not an array");
    std::vector<GeoPoint> ring;
    for (const auto& pt : v.as_array()) {
        if (!pt.is_array() || pt.as_array().size() < 2) return Err(Errc::kInvalidInput, "geojson: bad point");
        ring.push_back({pt.as_array()[1].to_number<double>(), pt.as_array()[0].to_number<double>()});
    }
    if (ring.size() < 3) return Err(Errc::kInvalidInput, "geojson: ring with fewer than 3 points");
    return ring;
}

}  // namespace

double DistanceMetres(GeoPoint a, GeoPoint b) {
    constexpr double kR = 6371008.8;
    const double p1 = a.lat * M_PI / 180, p2 = b.lat * M_PI / 180;
    const double dp = p2 - p1, dl = (b.lng - a.lng) * M_PI / 180;
    const double h =
        std::sin(dp / 2) * std::sin(dp / 2) + std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
    return 2 * kR * std::asin(std::sqrt(h));
}

Result<KecamatanMap> KecamatanMap::Load(const std::string& dir) {
    KecamatanMap map;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return map;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".geojson") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        boost::system::error_code jec;
        const json::value doc = json::parse(text.str(), jec);
        if (jec || !doc.is_object() || !doc.as_object().contains("features"))
            return Err(Errc::kInvalidInput, "geojson: cannot read " + entry.path().string());
        try {
            for (const auto& f : doc.at("features").as_array()) {
                const auto& props = f.at("properties").as_object();
                Kecamatan k{std::string(props.at("code").as_string()), {}};
                const auto& geom = f.at("geometry").as_object();
                const std::string type(geom.at("type").as_string());
                const auto& coords = geom.at("coordinates").as_array();
                auto add_polygon = [&](const json::value& poly) -> Status {
                    SP_ASSIGN(auto ring, ReadRing(poly.as_array().at(0)));
                    k.outer.push_back({std::move(ring)});
                    return Status::Ok();
                };
                if (type == "Polygon") {
                    SP_TRY(add_polygon(coords));
                } else if (type == "MultiPolygon") {
                    for (const auto& poly : coords) SP_TRY(add_polygon(poly));
                }
                const std::string regency(props.at("regency_code").as_string());
                map.by_regency_[regency].push_back(std::move(k));
                if (!map.geojson_.contains(regency)) map.geojson_[regency] = text.str();
            }
        } catch (const std::exception& e) {
            return Err(Errc::kInvalidInput, "geojson: " + entry.path().string() + ": " + e.what());
        }
    }
    return map;
}

std::optional<GeoPoint> KecamatanMap::Centre(const std::string& kecamatan_code) const {
    const auto it = by_regency_.find(kecamatan_code.substr(0, 5));
    if (it == by_regency_.end()) return std::nullopt;
    for (const auto& k : it->second) {
        if (k.code != kecamatan_code || k.outer.empty()) continue;
        GeoPoint sum;
        for (const auto& p : k.outer.front().points) sum.lat += p.lat, sum.lng += p.lng;
        const double n = static_cast<double>(k.outer.front().points.size());
        return GeoPoint{sum.lat / n, sum.lng / n};
    }
    return std::nullopt;
}

const std::string* KecamatanMap::GeoJson(const std::string& regency_code) const {
    const auto it = geojson_.find(regency_code);
    return it == geojson_.end() ? nullptr : &it->second;
}

bool KecamatanMap::Covers(const std::string& regency_code) const {
    return by_regency_.contains(regency_code);
}

std::optional<std::string> KecamatanMap::Locate(const std::string& regency_code, GeoPoint p, double tolerance_m) const {
    const auto it = by_regency_.find(regency_code);
    if (it == by_regency_.end()) return std::nullopt;
    for (const auto& k : it->second) {
        for (const auto& ring : k.outer) {
            if (Inside(ring.points, p)) return k.code;
        }
    }
    const Kecamatan* best = nullptr;
    double best_d = tolerance_m;
    for (const auto& k : it->second) {
        for (const auto& ring : k.outer) {
            const auto& pts = ring.points;
            for (size_t i = 0, j = pts.size() - 1; i < pts.size(); j = i++) {
                const double d = SegmentDistance(p, pts[j], pts[i]);
                if (d <= best_d) best_d = d, best = &k;
            }
        }
    }
    return best ? std::optional<std::string>(best->code) : std::nullopt;
}

}  // namespace satupintu::region
