#include "events/canonical.hpp"

#include <algorithm>
#include <vector>

namespace satupintu::events {

namespace {
void Write(const json::value& v, std::string& out) {
    switch (v.kind()) {
        case json::kind::object: {
            const auto& o = v.get_object();
            std::vector<const json::key_value_pair*> kvs;
            kvs.reserve(o.size());
            for (const auto& kv : o) kvs.push_back(&kv);
            std::sort(kvs.begin(), kvs.end(), [](auto* a, auto* b) { return a->key() < b->key(); });
            out.push_back('{');
            for (size_t i = 0; i < kvs.size(); ++i) {
                if (i) out.push_back(',');
                out += json::serialize(json::string_view(kvs[i]->key()));
                out.push_back(':');
                Write(kvs[i]->value(), out);
            }
            out.push_back('}');
            return;
        }
        case json::kind::array: {
            out.push_back('[');
            bool first = true;
            for (const auto& e : v.get_array()) {
                if (!first) out.push_back(',');
                first = false;
                Write(e, out);
            }
            out.push_back(']');
            return;
        }
        default:
            out += json::serialize(v);
    }
}
}  // namespace

std::string Canonical(const json::value& v) {
    std::string out;
    Write(v, out);
    return out;
}

}  // namespace satupintu::events
