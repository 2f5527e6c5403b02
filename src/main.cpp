// satupintu: one binary for the server and its administration commands (see app/commands.hpp).
#include "app/commands.hpp"

int main(int argc, char** argv) {
    return satupintu::app::RunCli(argc, argv);
}
