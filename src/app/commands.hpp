// The `satupintu` command line: serve, demo, migrate, import (wilayah, services), region (add, list,
// disable, enable), user, apikey,
// verify-audit, verify-document, bank (channel, pay, reverse), backup, restore, version.
// Returns the process exit code.
#pragma once

namespace satupintu::app {

int RunCli(int argc, char** argv);

}  // namespace satupintu::app
