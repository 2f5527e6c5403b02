// The `satupintu` command line: serve, demo, migrate, import, user, apikey, verify-audit,
// backup, restore, version. Returns the process exit code.
#pragma once

namespace satupintu::app {

int RunCli(int argc, char** argv);

}  // namespace satupintu::app
