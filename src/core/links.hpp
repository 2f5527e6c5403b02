// The addresses of the pages people are sent to (in emails, QR codes and answers): the one place
// outside the router that knows the web routes, so that a link and its route cannot drift apart.
#pragma once

#include <string>
#include <string_view>

namespace satupintu::links {

// The public tracking page of a case: /lacak/{region}/{number}.
inline std::string Track(std::string_view region, std::string_view number) {
    return "/lacak/" + std::string(region) + "/" + std::string(number);
}

// An application's page (its applicant and the officers who handle it log in to see it).
inline std::string Application(std::string_view number) {
    return "/izin/" + std::string(number);
}

// A citizen's own applications: /izin/saya.
inline std::string MyApplications() {
    return "/izin/saya";
}

// The login page of a region.
inline std::string Login(std::string_view region) {
    return "/login?region=" + std::string(region);
}

// The link that confirms a citizen's registration (the login page confirms it, then asks to log in).
inline std::string ConfirmRegistration(std::string_view region, std::string_view token) {
    return Login(region) + "&konfirmasi=" + std::string(token);
}

// The page where a person asks for a password reset link.
inline std::string ForgotPassword(std::string_view region) {
    return "/lupa-sandi?region=" + std::string(region);
}

// The link that lets an account's owner set a new password (/lupa-sandi asks for it).
inline std::string PasswordReset(std::string_view region, std::string_view token) {
    return "/lupa-sandi?region=" + std::string(region) + "&token=" + std::string(token);
}

// A path made absolute with the address citizens reach (empty: the path as it is).
inline std::string Absolute(std::string_view public_url, std::string_view path) {
    std::string base(public_url);
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + std::string(path);
}

}  // namespace satupintu::links
