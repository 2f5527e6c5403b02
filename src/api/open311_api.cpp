#include "api/api.hpp"
namespace satupintu::api {
void RegisterOpen311Routes(http::Router&, ApiContext&) {}
}  // namespace satupintu::api
