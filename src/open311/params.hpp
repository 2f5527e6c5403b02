// Open311 parameters (shared/docs/open311.md): the query and form fields of a request, and the
// complaint a client asks to file with POST requests. Pure: no store, no clock (fuzzed by the
// open311_params target).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/cases.hpp"
#include "core/result.hpp"
#include "http/form.hpp"
#include "http/message.hpp"

namespace satupintu::open311 {

// The request's parameters: the query, then a form body (POST).
struct Params {
    std::vector<http::FormField> fields;

    std::optional<std::string> Get(std::string_view name) const;
    // Present and not empty.
    std::optional<std::string> Value(std::string_view name) const;
};

Result<Params> ReadParams(const http::Request& req);

// A service request: the complaint to file (files attached as form parts are the caller's to
// upload), or every problem found, each answered as a 400.
struct ServiceRequest {
    cases::NewComplaint complaint;
    std::vector<std::string> problems;
};

// service_code; a location (lat and long in degrees, address_string, or address_id, a kecamatan
// or desa code); description; first_name, last_name, email, phone; media_url;
// attribute[CODE]=v and attribute[CODE][]=v for the category's questions.
ServiceRequest ReadServiceRequest(const Params& p);

}  // namespace satupintu::open311
